import "server-only";
import type { PGlite } from "@electric-sql/pglite";
import type { Sql } from "postgres";
import { getHandle, type DbHandle } from "../client";

/** What the verification path needs to decide on a presented API key, in one row. */
export type CredentialRow = {
  keyId: string;
  keyName: string;
  apis: string[];
  legacy: boolean;
  ipAllowlist: string[];
  rateLimitPerMinute: number | null;
  orgId: string;
  orgName: string;
  orgSlug: string;
  plan: string;
  userId: string;
  userEmail: string;
  userName: string;
  /** The creator's current role in the key's organization; null once they are no longer a member. */
  role: string | null;
  status: string;
  expiresAt: Date | null;
  /** Not revoked and not past an overlap expiry. */
  secretLive: boolean;
  secretRevokedAt: Date | null;
  secretExpiresAt: Date | null;
};

// Dead secrets are returned too (the digest is unique, so still one row): a key that expired is
// refused saying so, even after the sweep has archived it. The caller checks `secretLive`,
// `status` and `expiresAt`.
const LOOKUP = `
select k.id as "keyId", k.name as "keyName", k.apis, k.legacy, k.ip_allowlist as "ipAllowlist",
  k.rate_limit_per_minute as "rateLimitPerMinute", o.id as "orgId", o.name as "orgName",
  o.slug as "orgSlug", o.plan, u.id as "userId", u.email as "userEmail", u.name as "userName",
  m.role, k.status, k.expires_at as "expiresAt",
  (s.revoked_at is null and (s.expires_at is null or s.expires_at > now())) as "secretLive",
  s.revoked_at as "secretRevokedAt", s.expires_at as "secretExpiresAt"
from api_key_secrets s
join api_keys k on k.id = s.key_id
join organizations o on o.id = k.org_id
join users u on u.id = k.created_by
left join memberships m on m.org_id = k.org_id and m.user_id = k.created_by
where s.digest = $1
limit 1`;

/**
 * The verification lookup of every API request: one indexed query from the secret's digest
 * through its key and organization to the creator's current membership, on the verification
 * pool. Written for the driver directly (a prepared statement, rows as they come) because it runs
 * on every request; deliberately uncached: only the statement is reused, never a result.
 */
export async function findCredentialByDigest(
  digest: string,
  handle: Pick<DbHandle, "kind" | "verifyDb"> = getHandle(),
): Promise<CredentialRow | undefined> {
  const client = (handle.verifyDb as unknown as { $client: Sql | PGlite }).$client;
  if (handle.kind === "postgres") {
    const rows = await (client as Sql).unsafe<Raw[]>(LOOKUP, [digest], { prepare: true });
    return rows[0] && withDates(rows[0]);
  }
  const { rows } = await (client as PGlite).query<Raw>(LOOKUP, [digest]);
  return rows[0] && withDates(rows[0]);
}

type Timestamps = "expiresAt" | "secretRevokedAt" | "secretExpiresAt";
type Raw = Omit<CredentialRow, Timestamps> & Record<Timestamps, Date | string | null>;

// Drizzle leaves postgres.js's timestamps as strings (it parses them itself); PGlite gives Dates.
const toDate = (value: Date | string | null) =>
  value === null || value instanceof Date ? value : new Date(value);

function withDates(row: Raw): CredentialRow {
  return {
    ...row,
    expiresAt: toDate(row.expiresAt),
    secretRevokedAt: toDate(row.secretRevokedAt),
    secretExpiresAt: toDate(row.secretExpiresAt),
  };
}
