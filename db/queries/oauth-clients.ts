import "server-only";
import { and, desc, eq, or, sql } from "drizzle-orm";
import { getDb, getVerifyDb, type Executor } from "../client";
import { touchLastUsed, type UseMeta } from "./last-used";
import { countsColumn } from "./rate-limits";
import { oauthClients, oauthRevokedTokens, organizations, users } from "../schema";

/** Whether the secret an overlap rotation keeps alive still works (database time, like keys). */
const previousSecretLive = sql<boolean>`coalesce(${oauthClients.previousSecretExpiresAt} > now(), false)`;

/** When the previous secret stops working, while it still works. */
const overlapEndsAt = sql<
  Date | string | null
>`case when ${oauthClients.previousSecretExpiresAt} > now() then ${oauthClients.previousSecretExpiresAt} end`;

/** What API Management shows of a client, with its creator: never the secret digest. */
const clientViewColumns = {
  id: oauthClients.id,
  name: oauthClients.name,
  clientId: oauthClients.clientId,
  apis: oauthClients.apis,
  createdAt: oauthClients.createdAt,
  createdByName: users.name,
  createdByEmail: users.email,
  revokedAt: oauthClients.revokedAt,
  expiresAt: oauthClients.expiresAt,
  lastUsedAt: oauthClients.lastUsedAt,
  ipAllowlist: oauthClients.ipAllowlist,
  rateLimitPerMinute: oauthClients.rateLimitPerMinute,
  overlapEndsAt,
};

/** API Management list. */
export async function listOAuthClients(orgId: string, db: Executor = getDb()) {
  return db
    .select(clientViewColumns)
    .from(oauthClients)
    .leftJoin(users, eq(users.id, oauthClients.createdBy))
    .where(eq(oauthClients.orgId, orgId))
    .orderBy(desc(oauthClients.createdAt));
}

/** One client of the organization for its details page. */
export async function findOAuthClientDetails(orgId: string, id: string, db: Executor = getDb()) {
  const [row] = await db
    .select({
      ...clientViewColumns,
      secretRotatedAt: oauthClients.secretRotatedAt,
      lastUsedIp: oauthClients.lastUsedIp,
      lastUsedUserAgent: oauthClients.lastUsedUserAgent,
    })
    .from(oauthClients)
    .leftJoin(users, eq(users.id, oauthClients.createdBy))
    .where(and(eq(oauthClients.orgId, orgId), eq(oauthClients.id, id)));
  return row;
}

/** One client of the organization, locked for the rest of the transaction. */
export async function findOAuthClientForUpdate(tx: Executor, orgId: string, id: string) {
  const [row] = await tx
    .select({
      id: oauthClients.id,
      name: oauthClients.name,
      clientId: oauthClients.clientId,
      apis: oauthClients.apis,
      revokedAt: oauthClients.revokedAt,
      expiresAt: oauthClients.expiresAt,
      ipAllowlist: oauthClients.ipAllowlist,
      rateLimitPerMinute: oauthClients.rateLimitPerMinute,
      previousSecretLive,
    })
    .from(oauthClients)
    .where(and(eq(oauthClients.orgId, orgId), eq(oauthClients.id, id)))
    .for("update");
  return row;
}

export async function insertOAuthClient(
  tx: Executor,
  values: {
    orgId: string;
    name: string;
    apis: string[];
    secretHash: string;
    createdBy: string;
    expiresAt?: Date | null;
    ipAllowlist?: string[];
    rateLimitPerMinute?: number | null;
  },
) {
  const [row] = await tx
    .insert(oauthClients)
    .values(values)
    .returning({ id: oauthClients.id, clientId: oauthClients.clientId, name: oauthClients.name });
  return row!;
}

/**
 * Replaces the client's secret. Immediately (`previousExpiresAt` null): the old secret and every
 * token issued with it stop working now. With an overlap: the current secret becomes the previous
 * one until `previousExpiresAt` (with its tokens), replacing any secret an earlier overlap kept
 * alive, so a client never has more than two live secrets. The generation moves on either way.
 */
export async function setOAuthClientSecret(
  tx: Executor,
  orgId: string,
  id: string,
  secretHash: string,
  previousExpiresAt: Date | null = null,
) {
  await tx
    .update(oauthClients)
    .set({
      secretHash,
      previousSecretHash: previousExpiresAt ? sql`${oauthClients.secretHash}` : null,
      previousSecretExpiresAt: previousExpiresAt,
      secretRotatedAt: sql`now()`,
      secretGeneration: sql`${oauthClients.secretGeneration} + 1`,
    })
    .where(and(eq(oauthClients.orgId, orgId), eq(oauthClients.id, id)));
}

/** Ends an overlap now: the previous secret and its tokens stop working. Returns whether one was live. */
export async function endOAuthClientOverlap(tx: Executor, orgId: string, id: string) {
  const ended = await tx
    .update(oauthClients)
    .set({ previousSecretHash: null, previousSecretExpiresAt: null })
    .where(and(eq(oauthClients.orgId, orgId), eq(oauthClients.id, id), previousSecretLive))
    .returning({ id: oauthClients.id });
  return ended.length > 0;
}

export async function updateOAuthClientRow(
  tx: Executor,
  orgId: string,
  id: string,
  values: {
    apis?: string[];
    expiresAt?: Date | null;
    ipAllowlist?: string[];
    rateLimitPerMinute?: number | null;
  },
) {
  await tx
    .update(oauthClients)
    .set(values)
    .where(and(eq(oauthClients.orgId, orgId), eq(oauthClients.id, id)));
}

export async function setOAuthClientExpiry(
  tx: Executor,
  orgId: string,
  id: string,
  expiresAt: Date | null,
) {
  await tx
    .update(oauthClients)
    .set({ expiresAt })
    .where(and(eq(oauthClients.orgId, orgId), eq(oauthClients.id, id)));
}

export async function markOAuthClientRevoked(tx: Executor, orgId: string, id: string) {
  await tx
    .update(oauthClients)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(oauthClients.orgId, orgId), eq(oauthClients.id, id)));
}

function buildClientAuthenticationLookup(db: Executor) {
  return db
    .select({
      failureCounts: countsColumn(
        [sql.placeholder("pairFailureKey"), sql.placeholder("ipFailureKey")],
        sql.placeholder("windowStart"),
      ),
      id: oauthClients.id,
      orgId: oauthClients.orgId,
      name: oauthClients.name,
      clientId: oauthClients.clientId,
      secretHash: oauthClients.secretHash,
      previousSecretHash: oauthClients.previousSecretHash,
      previousSecretLive,
      secretGeneration: oauthClients.secretGeneration,
      apis: oauthClients.apis,
      revokedAt: oauthClients.revokedAt,
      expiresAt: oauthClients.expiresAt,
      lastUsedAt: oauthClients.lastUsedAt,
      ipAllowlist: oauthClients.ipAllowlist,
      rateLimitPerMinute: oauthClients.rateLimitPerMinute,
      orgPlan: organizations.plan,
    })
    .from(oauthClients)
    .innerJoin(organizations, eq(organizations.id, oauthClients.orgId))
    .where(eq(oauthClients.clientId, sql.placeholder("clientId")))
    .prepare("lk_oauth_client_authentication");
}

// The token endpoint's hot path: built once per database handle and prepared on the server, so
// each request skips query building, parsing and planning. Only the statement is reused, never
// a row: a revoke or a rotated secret is seen by the very next request.
const clientAuthenticationLookups = new WeakMap<
  Executor,
  ReturnType<typeof buildClientAuthenticationLookup>
>();

/**
 * Client authentication at the token endpoint: the client by its public client_id, with what the
 * grant needs to know about its organization, and the current failure counts of the caller's
 * rate-limit keys (at most two: per (client ID, IP) and per IP) in the same round trip.
 */
export async function findOAuthClientForAuthentication(
  clientId: string,
  failures: { keys: string[]; windowStart: Date },
  db: Executor = getVerifyDb(),
) {
  let lookup = clientAuthenticationLookups.get(db);
  if (!lookup) {
    lookup = buildClientAuthenticationLookup(db);
    clientAuthenticationLookups.set(db, lookup);
  }
  const [row] = await lookup.execute({
    clientId,
    pairFailureKey: failures.keys[0] ?? null,
    ipFailureKey: failures.keys[1] ?? null,
    windowStart: failures.windowStart.toISOString(),
  });
  return row;
}

/**
 * Everything access-token verification must re-check on each request, in one round trip: the
 * client still active and on the secret generation the token was issued under (or the previous
 * one while an overlap keeps it alive), its organization still Enterprise, the token's jti not
 * revoked, and the client's access rules (IP allowlist, rate limit).
 */
export async function findOAuthClientForAccessToken(
  orgId: string,
  clientId: string,
  jti: string,
  db: Executor = getVerifyDb(),
) {
  const [row] = await db
    .select({
      id: oauthClients.id,
      name: oauthClients.name,
      apis: oauthClients.apis,
      revokedAt: oauthClients.revokedAt,
      expiresAt: oauthClients.expiresAt,
      secretGeneration: oauthClients.secretGeneration,
      previousSecretLive,
      lastUsedAt: oauthClients.lastUsedAt,
      ipAllowlist: oauthClients.ipAllowlist,
      rateLimitPerMinute: oauthClients.rateLimitPerMinute,
      plan: organizations.plan,
      orgName: organizations.name,
      orgSlug: organizations.slug,
      jtiRevoked: sql<boolean>`exists (select 1 from ${oauthRevokedTokens} where ${oauthRevokedTokens.jti} = ${jti})`,
    })
    .from(oauthClients)
    .innerJoin(organizations, eq(organizations.id, oauthClients.orgId))
    .where(and(eq(oauthClients.orgId, orgId), eq(oauthClients.clientId, clientId)));
  return row;
}

/** Coalesced last-used write (see touchLastUsed). */
export function touchOAuthClientLastUsed(id: string, meta: UseMeta, db: Executor = getDb()) {
  return touchLastUsed(oauthClients, id, meta, db);
}

/**
 * A client by the digest of its current secret, or of the previous one while an overlap rotation
 * keeps it working, in any organization, locked for the rest of the transaction. For leak reports
 * only, which act for the whole installation.
 */
export async function lockOAuthClientBySecretHash(tx: Executor, secretHash: string) {
  const [row] = await tx
    .select({
      id: oauthClients.id,
      orgId: oauthClients.orgId,
      name: oauthClients.name,
      clientId: oauthClients.clientId,
      revokedAt: oauthClients.revokedAt,
      orgName: organizations.name,
    })
    .from(oauthClients)
    .innerJoin(organizations, eq(organizations.id, oauthClients.orgId))
    .where(
      or(
        eq(oauthClients.secretHash, secretHash),
        and(eq(oauthClients.previousSecretHash, secretHash), previousSecretLive),
      ),
    )
    .for("update", { of: oauthClients });
  return row;
}
