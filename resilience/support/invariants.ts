// What must hold after every scenario, checked in SQL against the committed state: one live
// secret per key (two while an overlap lasts), every change paired 1:1 with its audit event, the
// audit chain intact, and no plaintext secret anywhere in the database.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import type { Sql } from "postgres";
import { createDb, type DbHandle } from "@/db/client";
import { listOrganizationsForVerify } from "@/db/queries/audit-chain";
import { verifyChain } from "@/lib/audit/verify";
import type { Cluster } from "./cluster";
import { issued, randomPart, SECRET_SHAPES } from "./secrets";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

export type InvariantReport = {
  keys: number;
  clients: number;
  events: number;
  violations: string[];
};

async function sqlViolations(sql: Sql): Promise<string[]> {
  const violations: string[] = [];
  const keys = await sql<
    {
      id: string;
      status: string;
      legacy: boolean;
      current: number;
      live: number;
      secrets: number;
      issuedEvents: number;
      revokedEvents: number;
    }[]
  >`
    select k.id, k.status, k.legacy,
      count(s.id) filter (where s.revoked_at is null and s.expires_at is null)::int as current,
      count(s.id) filter (where s.revoked_at is null
                            and (s.expires_at is null or s.expires_at > now()))::int as live,
      count(s.id)::int as secrets,
      (select count(*) from audit_events e where e.target_type = 'api_key'
         and e.target_id = k.id::text
         and e.event in ('api_key.created', 'api_key.regenerated'))::int as "issuedEvents",
      (select count(*) from audit_events e where e.target_type = 'api_key'
         and e.target_id = k.id::text
         and e.event in ('api_key.revoked', 'api_key.leaked', 'api_key.expired'))::int
        as "revokedEvents"
    from api_keys k left join api_key_secrets s on s.key_id = k.id
    group by k.id`;
  for (const k of keys) {
    if (k.status === "active" && (k.current !== 1 || k.live > 2)) {
      violations.push(`key ${k.id}: ${k.current} current and ${k.live} live secrets`);
    }
    if (k.status === "archived" && k.live !== 0) {
      violations.push(`archived key ${k.id} has ${k.live} live secrets`);
    }
    if (!k.legacy && k.secrets !== k.issuedEvents) {
      violations.push(
        `key ${k.id}: ${k.secrets} secrets but ${k.issuedEvents} created/regenerated events`,
      );
    }
    if (k.revokedEvents !== (k.status === "archived" ? 1 : 0)) {
      violations.push(
        `key ${k.id} (${k.status}): ${k.revokedEvents} revoked/leaked/expired events`,
      );
    }
  }
  const clients = await sql<
    {
      id: string;
      generation: number;
      revoked: boolean;
      created: number;
      rotated: number;
      revokedEvents: number;
    }[]
  >`
    select c.id, c.secret_generation as generation, c.revoked_at is not null as revoked,
      count(e.id) filter (where e.event = 'oauth_client.created')::int as created,
      count(e.id) filter (where e.event = 'oauth_client.secret_rotated')::int as rotated,
      count(e.id) filter (where e.event in
        ('oauth_client.revoked', 'oauth_client.leaked', 'oauth_client.expired'))::int
        as "revokedEvents"
    from oauth_clients c
    left join audit_events e on e.target_type = 'oauth_client' and e.target_id = c.id::text
    group by c.id`;
  for (const c of clients) {
    if (c.created !== 1) violations.push(`client ${c.id}: ${c.created} created events`);
    if (c.rotated !== c.generation) {
      violations.push(
        `client ${c.id}: generation ${c.generation} but ${c.rotated} rotation events`,
      );
    }
    if (c.revokedEvents !== (c.revoked ? 1 : 0)) {
      violations.push(
        `client ${c.id}: revoked=${c.revoked} with ${c.revokedEvents} revoked/leaked/expired events`,
      );
    }
  }
  return violations;
}

/** No key or client secret in the dump, neither by shape nor any issued one (nor its random part). */
export function plaintextIn(text: string, where: string): string[] {
  const found: string[] = [];
  for (const shape of SECRET_SHAPES) {
    for (const [match] of text.matchAll(shape)) found.push(`${where}: ${match.slice(0, 14)}…`);
  }
  for (const secret of issued) {
    if (text.includes(randomPart(secret.value))) {
      found.push(`${where}: ${secret.kind} from ${secret.revealedIn}`);
    }
  }
  return found;
}

let chainDb: DbHandle | undefined;

/** The audit:verify check in this process (the same function), for checks between faults. */
async function chainViolationsInProcess(url: string): Promise<string[]> {
  chainDb ??= createDb({ url });
  const violations: string[] = [];
  for (const org of await listOrganizationsForVerify(chainDb.db)) {
    const report = await verifyChain(org.id, { db: chainDb.db });
    if (!report.intact) violations.push(`audit chain of ${org.slug} broken at seq ${report.seq}`);
  }
  return violations;
}

/** `npm run audit:verify`, the operator command, against the suite's cluster. */
async function chainViolationsByCommand(url: string): Promise<string[]> {
  try {
    const { stdout } = await run("npm", ["run", "-s", "audit:verify"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
      timeout: 120_000,
    });
    const lines = stdout.trim().split("\n").filter(Boolean);
    if (lines.length === 0) return ["audit:verify printed nothing"];
    return lines.filter((l) => !/: intact \(\d+ events\)$/.test(l));
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return [`audit:verify failed: ${e.stdout ?? ""}${e.stderr ?? e.message}`];
  }
}

export async function checkInvariants(
  sql: Sql,
  cluster: Cluster,
  opts: { chain: "command" | "in-process"; dump?: boolean } = { chain: "command" },
): Promise<InvariantReport> {
  const violations = await sqlViolations(sql);
  violations.push(
    ...(opts.chain === "command"
      ? await chainViolationsByCommand(cluster.url())
      : await chainViolationsInProcess(cluster.url())),
  );
  if (opts.dump !== false) violations.push(...plaintextIn(await cluster.dump(), "pg_dump"));
  const [counts] = await sql<{ keys: number; clients: number; events: number }[]>`
    select (select count(*) from api_keys)::int as keys,
           (select count(*) from oauth_clients)::int as clients,
           (select count(*) from audit_events)::int as events`;
  return { ...counts!, violations };
}

export async function closeInvariants() {
  await chainDb?.close();
  chainDb = undefined;
}
