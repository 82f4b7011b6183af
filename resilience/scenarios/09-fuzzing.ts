// fast-check, with a fixed seed and a bounded number of runs: hostile credentials, query strings
// and bodies on every machine route, hostile fields on every server action. Never a 500 (the
// database is up, so never a 503 either), never a partial write.
import fc from "fast-check";
import { expect } from "vitest";
import { generateClientSecret, generateKey } from "@/lib/secrets/prefixed";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { callAction, discoverActions } from "../support/actions";
import type { Environment } from "../support/environment";
import { isJson, type HttpClient, type Reply } from "../support/http";
import { n, record } from "../support/record";
import { signIn } from "../support/session";
import { PASSWORD } from "../support/environment";
import { act, createKey, createOAuthClient, expectInvariants } from "./common";

const root = path.resolve(import.meta.dirname, "../..");

export const SEED = 20261201;
const ROUTE_RUNS = 240;
const RUNS_PER_ACTION = 8;

// Counters, not state: failure budgets, rate limits and usage counts change with refused requests
// by design. Append-only logs are compared by size; the outbox by its rows (its worker updates
// their delivery columns on its own schedule).
const COUNTERS = ["rate_limit_buckets", "credential_rate_limits", "usage_daily"];

/** Every table's rows (last-use columns aside), audit events and outbox rows by count and ids. */
async function fingerprint(env: Environment): Promise<string> {
  const [row] = await env.sql<{ digest: string }[]>`
    select md5(string_agg(part, ',' order by part)) as digest from (
      select table_name || ':' || (xpath('/row/d/text()', query_to_xml(format(
        'select md5(coalesce(string_agg((to_jsonb(t) - ''last_used_at'' - ''last_used_ip''
           - ''last_used_user_agent'')::text, ''|'' order by (to_jsonb(t))::text), '''')) as d
         from %I t', table_name), false, false, '')))[1]::text as part
      from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE'
        and table_name not in ${env.sql([...COUNTERS, "audit_events", "email_outbox"])}
      union all
      select 'audit_events:' || count(*) || ':' || coalesce(max(id), 0) from audit_events
      union all
      select 'email_outbox:' || coalesce(string_agg(id::text, ',' order by id), '')
      from email_outbox
    ) parts`;
  return row!.digest;
}

/** Printable header text: what a client can put in a header at all (no controls, no newlines). */
const headerSafe = (s: string) => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, "");

function credentialArbitrary(validKey: string, clientId: string) {
  const junk = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.string({ unit: "grapheme", maxLength: 40 }),
    fc.constantFrom(
      "",
      " ",
      "Bearer",
      "Bearer ",
      "Basic ",
      "null",
      "undefined",
      "lk_live_",
      "lk_test_x",
      "'; drop table api_keys; --",
      "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
      "eyJhbGciOiJFUzI1NiIsInR5cCI6ImF0K2p3dCIsImtpZCI6IngifQ.e30.c2ln",
      "x".repeat(5000),
      validKey.slice(0, -1),
      `${validKey}x`,
      validKey.toUpperCase(),
      `${validKey} ${validKey}`,
    ),
    fc.constant(null).map(() => generateKey()),
    fc.constant(null).map(() => generateClientSecret()),
    fc
      .constant(null)
      .map(() => Buffer.from(`${clientId}:${generateClientSecret()}`).toString("base64")),
  );
  // the real key often, so that bodies and query strings get past verification
  const value = fc.oneof(
    { arbitrary: junk, weight: 3 },
    { arbitrary: fc.constant(validKey), weight: 2 },
  );
  return fc.record({
    header: fc.constantFrom("authorization", "x-api-key", "both", "none"),
    scheme: fc.constantFrom("Bearer ", "bearer  ", "Basic ", "", "Token "),
    value,
  });
}

function bodyArbitrary() {
  return fc.oneof(
    fc.json({ maxDepth: 4 }).map((text) => ({ type: "application/json", text })),
    fc
      .record({ title: fc.string({ maxLength: 300 }), body: fc.string(), amount: fc.double() })
      .map((o) => ({ type: "application/json", text: JSON.stringify(o) })),
    fc.nat({ max: 2000 }).map((depth) => ({
      type: "application/json",
      text: `${"[".repeat(depth)}${"]".repeat(depth)}`,
    })),
    fc.constant({ type: "application/json", text: `{"title":"${"x".repeat(70 * 1024)}"}` }),
    fc.string({ maxLength: 200 }).map((text) => ({ type: "application/json", text })),
    fc
      .dictionary(fc.string({ maxLength: 20 }), fc.string({ maxLength: 40 }), { maxKeys: 6 })
      .map((d) => ({
        type: "application/x-www-form-urlencoded",
        text: new URLSearchParams(d).toString(),
      })),
    fc.constantFrom(
      {
        type: "application/x-www-form-urlencoded",
        text: "grant_type=client_credentials&scope=%00%ff",
      },
      {
        type: "application/x-www-form-urlencoded",
        text: "grant_type=client_credentials&grant_type=x",
      },
      { type: "application/x-www-form-urlencoded", text: "token=" + "a".repeat(9000) },
      { type: "text/plain", text: "hello" },
      { type: "multipart/form-data; boundary=x", text: "--x\r\nbroken" },
      { type: "application/json; charset=utf-16", text: "{}" },
      { type: "", text: "" },
    ),
  );
}

const ROUTES: { method: string; path: string }[] = [
  ...["me", "ping", "data", "proposals", "reports", "segmentation", "push"].map((p) => ({
    method: "GET",
    path: `/api/v1/${p}`,
  })),
  ...["data", "proposals", "segmentation", "push"].map((p) => ({
    method: "POST",
    path: `/api/v1/${p}`,
  })),
  ...["token", "revoke", "introspect"].map((p) => ({ method: "POST", path: `/api/oauth/${p}` })),
  { method: "POST", path: "/api/mcp" },
  { method: "GET", path: "/api/mcp" },
  { method: "GET", path: "/.well-known/jwks.json" },
  { method: "GET", path: "/.well-known/oauth-authorization-server" },
  { method: "GET", path: "/api/health" },
  { method: "GET", path: "/api/openapi.json" },
  { method: "POST", path: "/api/security/leaks" },
  { method: "POST", path: "/api/audit-logs/export" },
  { method: "GET", path: "/api/auth/session" },
  { method: "POST", path: "/api/auth/callback/credentials" },
];

async function fuzzRoutes(env: Environment, client: HttpClient) {
  const { key } = await createKey(env, env.a, client, "Fuzz: key");
  const oauth = await createOAuthClient(env, env.a, client, "Fuzz: client");
  let tried = 0;
  let writes = 0;
  let current = await fingerprint(env);
  const seen: Record<string, number> = {};
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...ROUTES),
      fc.oneof(
        { arbitrary: fc.constant(null), weight: 5 },
        { arbitrary: fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH"), weight: 1 },
      ),
      credentialArbitrary(key, oauth.clientId),
      fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 40 }), { maxKeys: 4 }),
      bodyArbitrary(),
      fc.boolean(),
      async (route, otherMethod, credential, query, body, onB) => {
        const method = otherMethod ?? route.method;
        const headers: Record<string, string> = {};
        const value = headerSafe(`${credential.scheme}${credential.value}`);
        if (credential.header === "authorization" || credential.header === "both")
          headers.authorization = value;
        if (credential.header === "x-api-key" || credential.header === "both")
          headers["x-api-key"] = headerSafe(credential.value);
        if (route.path === "/api/audit-logs/export") headers.cookie = env.admin.cookie;
        const hasBody = method !== "GET" && method !== "HEAD";
        if (hasBody && body.type) headers["content-type"] = body.type;
        const search = new URLSearchParams(query).toString();
        const app = onB ? env.b : env.a;
        const reply: Reply = await client.request(
          app.url(`${route.path}${search ? `?${search}` : ""}`),
          {
            method,
            headers,
            body: hasBody ? body.text : undefined,
          },
        );
        tried += 1;
        seen[reply.status] = (seen[reply.status] ?? 0) + 1;
        const where = `${method} ${route.path} → ${reply.status} ${reply.body.slice(0, 200)}`;
        expect(reply.status, where).toBeGreaterThan(0);
        expect(reply.status, where).toBeLessThan(500);
        if (String(reply.headers["content-type"]).includes("application/json")) {
          expect(isJson(reply), where).toBe(true);
        }
        const after = await fingerprint(env);
        if (reply.status >= 400) expect(after, `partial write: ${where}`).toBe(current);
        else if (after !== current) writes += 1;
        current = after;
      },
    ),
    { seed: SEED, numRuns: ROUTE_RUNS, endOnFailure: true },
  );
  return { tried, writes, seen };
}

/** A value a form field could carry, from the mundane to the hostile. */
function fieldValue(ids: string[]) {
  return fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.string({ unit: "grapheme", maxLength: 30 }),
    fc.constantFrom(...ids),
    fc.constantFrom(
      "",
      " ",
      "$K1",
      "$@0",
      "$Q",
      "__proto__",
      "constructor",
      "<script>alert(1)</script>",
      '=HYPERLINK("x")',
      "a".repeat(10_000),
      "00000000-0000-0000-0000-000000000000",
      "owner",
      "enterprise",
      "now",
      "7d",
      "data",
      "x@example.com",
    ),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string({ maxLength: 10 }), { maxLength: 5 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
  );
}

const FIELDS = [
  "keyId",
  "secretId",
  "id",
  "name",
  "apis",
  "teamId",
  "overlap",
  "email",
  "role",
  "userId",
  "memberId",
  "invitationId",
  "token",
  "password",
  "currentPassword",
  "newPassword",
  "confirmPassword",
  "organizationName",
  "orgId",
  "query",
  "format",
  "callbackUrl",
  "slug",
  "ipAllowlist",
  "rateLimitPerMinute",
  "expiry",
  "expiresAt",
];

// Actions that end the caller's own session go last: after them, the rest would only see
// "Please sign in".
const LAST = ["signOutEverywhere", "signOutAction"];

/** Every server action the source exports (every actions.ts under app/). */
function exportedActions(): string[] {
  const files = readdirSync(path.join(root, "app"), { recursive: true, encoding: "utf8" }).filter(
    (f) => f.endsWith("actions.ts"),
  );
  return files.flatMap((f) =>
    [
      ...readFileSync(path.join(root, "app", f), "utf8").matchAll(
        /^export (?:const|async function) (\w+)/gm,
      ),
    ].map((m) => m[1]!),
  );
}

/** An invitation's link, as its email carries it: the invite page's own actions live behind it. */
async function invitationPage(env: Environment, client: HttpClient): Promise<string> {
  const outbox = path.join(env.dir, "outbox");
  const email = `fuzz-invitee-${Date.now()}@example.com`;
  const reply = await act(env, env.a, client, "inviteMember", { email, role: "member" });
  expect(reply.result).toMatchObject({ ok: true });
  for (let i = 0; i < 100; i++) {
    for (const file of existsSync(outbox) ? readdirSync(outbox) : []) {
      const text = readFileSync(path.join(outbox, file), "utf8").replace(/=\r?\n/g, "");
      const token = text.includes(email)
        ? /\/invite\/([A-Za-z0-9_-]{20,})/.exec(text)?.[1]
        : undefined;
      if (token) return `/invite/${token}`;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the invitation email never reached the outbox");
}

async function fuzzActions(env: Environment, client: HttpClient) {
  // the owner signs in for this: the admin's session is what the later scenarios use
  const cookie = await signIn(client, env.a.origin, "owner@acme.test", PASSWORD);
  const target = await createKey(env, env.a, client, "Fuzz: action target");
  const [team] = await env.sql<{ id: string }[]>`
    select id from teams where org_id = ${env.org.id} limit 1`;
  const ids = [target.id, team!.id, env.org.id];
  const invite = await invitationPage(env, client);
  const actions = new Map(env.actions);
  const found = await discoverActions(client, env.a.origin, [
    { path: invite, cookie: "" },
    { path: invite, cookie },
  ]);
  for (const [name, value] of found) if (!actions.has(name)) actions.set(name, value);
  const names = [...actions.keys()].sort(
    (a, b) => Number(LAST.includes(a)) - Number(LAST.includes(b)),
  );
  const unreachable = exportedActions().filter((name) => !actions.has(name));
  let tried = 0;
  let succeeded = 0;
  let current = await fingerprint(env);
  for (const name of names) {
    const { id, page } = actions.get(name)!;
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom(...FIELDS), fieldValue(ids), { maxKeys: 6 }),
        fc.constantFrom("json", "multipart", "page org"),
        async (fields, encoding) => {
          const withOrg = encoding === "page org" ? { ...fields, pageOrgId: env.org.id } : fields;
          const reply = await callAction(client, env.a.origin, {
            id,
            pagePath: page,
            cookie,
            label: `fuzz ${name}`,
            ...(encoding === "multipart"
              ? {
                  multipart: Object.fromEntries(
                    Object.entries({ ...fields, pageOrgId: env.org.id }).map(([k, v]) => [
                      k,
                      typeof v === "string" ? v : JSON.stringify(v),
                    ]),
                  ),
                }
              : { input: withOrg }),
          });
          tried += 1;
          const where = `${name}(${JSON.stringify(withOrg).slice(0, 200)}) → ${reply.status} ${reply.body.slice(0, 200)}`;
          expect(reply.status, where).toBeGreaterThan(0);
          expect(reply.status, where).toBeLessThan(500);
          const after = await fingerprint(env);
          if (reply.result?.ok) succeeded += 1;
          else expect(after, `partial write: ${where}`).toBe(current);
          current = after;
        },
      ),
      { seed: SEED, numRuns: RUNS_PER_ACTION, endOnFailure: true },
    );
  }
  return { actions: names.length, tried, succeeded, unreachable };
}

export async function fuzzing(env: Environment) {
  const client = env.clientFrom(20);
  const routes = await fuzzRoutes(env, client);
  const actions = await fuzzActions(env, client);
  console.log(
    `[resilience] fuzzing: fast-check seed ${SEED}, ${ROUTE_RUNS} route runs, ${RUNS_PER_ACTION} runs × ${actions.actions} actions`,
  );
  const report = await expectInvariants(env);
  record({
    scenario: "9. Fuzzing",
    load: `${n(routes.tried + actions.tried)} requests (1 instance for actions, 2 for routes)`,
    faults: "—",
    badInputs: `fast-check seed ${SEED}: ${n(routes.tried)} hostile requests over ${ROUTES.length} routes (credentials, query strings, bodies, methods), ${n(actions.tried)} hostile calls of ${actions.actions} server actions (JSON and multipart)${actions.unreachable.length ? `; not served by any page once set up, so not fuzzed here: ${actions.unreachable.join(", ")}` : ""}`,
    outcome: `no 500; route statuses ${JSON.stringify(routes.seen)}; ${routes.writes} valid writes, ${actions.succeeded} actions accepted`,
    nothingLost: `no partial write after any refused request; invariants hold (${n(report.events)} audit events)`,
  });
}
