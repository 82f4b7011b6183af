import "server-only";
import { and, desc, eq, gt, inArray, isNotNull, isNull, notInArray, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Executor } from "../client";
import { touchLastUsed, type UseMeta } from "./last-used";
import { apiKeys, apiKeySecrets, memberships, organizations, teams, users } from "../schema";

export type NewKeyValues = {
  orgId: string;
  name: string;
  teamId: string | null;
  apis: string[];
  createdBy: string;
  legacy?: boolean;
  ipAllowlist?: string[];
  rateLimitPerMinute?: number | null;
  expiresAt?: Date | null;
};
export type SecretValues = { digest: string; prefix: string; last4: string };

const creator = alias(users, "creator");

/** Secrets that still open the door: not revoked and not past an overlap expiry. */
const liveSecret = and(
  isNull(apiKeySecrets.revokedAt),
  or(isNull(apiKeySecrets.expiresAt), gt(apiKeySecrets.expiresAt, sql`now()`)),
);

/** The one secret a regenerate replaces: live and not kept alive by an overlap. */
const currentSecret = and(isNull(apiKeySecrets.revokedAt), isNull(apiKeySecrets.expiresAt))!;

export async function insertApiKey(db: Executor, values: NewKeyValues, secret: SecretValues) {
  const [key] = await db
    .insert(apiKeys)
    .values({ ...values, legacy: values.legacy ?? false })
    .returning();
  await db.insert(apiKeySecrets).values({ keyId: key!.id, ...secret });
  return key!;
}

/** Keys of an organization for the list screens; `createdBy` limits them to one member's keys. */
export async function listApiKeys(
  orgId: string,
  opts: { status: "active" | "archived"; createdBy?: string; id?: string },
  db: Executor = getDb(),
) {
  const rows = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      apis: apiKeys.apis,
      status: apiKeys.status,
      legacy: apiKeys.legacy,
      createdAt: apiKeys.createdAt,
      archivedAt: apiKeys.archivedAt,
      expiresAt: apiKeys.expiresAt,
      lastUsedAt: apiKeys.lastUsedAt,
      lastUsedIp: apiKeys.lastUsedIp,
      lastUsedUserAgent: apiKeys.lastUsedUserAgent,
      ipAllowlist: apiKeys.ipAllowlist,
      rateLimitPerMinute: apiKeys.rateLimitPerMinute,
      teamId: apiKeys.teamId,
      teamName: teams.name,
      createdById: apiKeys.createdBy,
      createdByName: creator.name,
      createdByEmail: creator.email,
    })
    .from(apiKeys)
    .innerJoin(creator, eq(creator.id, apiKeys.createdBy))
    .leftJoin(teams, eq(teams.id, apiKeys.teamId))
    .where(
      and(
        eq(apiKeys.orgId, orgId),
        eq(apiKeys.status, opts.status),
        opts.createdBy ? eq(apiKeys.createdBy, opts.createdBy) : undefined,
        opts.id ? eq(apiKeys.id, opts.id) : undefined,
      ),
    )
    .orderBy(opts.status === "archived" ? desc(apiKeys.archivedAt) : desc(apiKeys.createdAt));
  const secrets = await latestSecrets(
    rows.map((r) => r.id),
    db,
  );
  return rows.map((r) => ({ ...r, secret: secrets.get(r.id) ?? null }));
}

export type ApiKeyRow = Awaited<ReturnType<typeof listApiKeys>>[number];

/**
 * The current secret of each key (what the masked display shows and what a regenerate must still
 * find), with the expiry of one kept alive by an overlap. For an archived key, its newest secret.
 */
async function latestSecrets(keyIds: string[], db: Executor) {
  const out = new Map<
    string,
    { id: string; prefix: string; last4: string; createdAt: Date; previousExpiresAt: Date | null }
  >();
  if (keyIds.length === 0) return out;
  const rows = await db
    .select({
      id: apiKeySecrets.id,
      keyId: apiKeySecrets.keyId,
      prefix: apiKeySecrets.prefix,
      last4: apiKeySecrets.last4,
      createdAt: apiKeySecrets.createdAt,
      expiresAt: apiKeySecrets.expiresAt,
      revokedAt: apiKeySecrets.revokedAt,
    })
    .from(apiKeySecrets)
    .where(inArray(apiKeySecrets.keyId, keyIds))
    // The current secret first: created_at is its transaction's start, so a regenerate that
    // waited for another's lock can carry an earlier time than the secret it replaced.
    .orderBy(desc(currentSecret), desc(apiKeySecrets.createdAt));
  for (const r of rows) {
    const current = out.get(r.keyId);
    if (!current) {
      out.set(r.keyId, { ...r, previousExpiresAt: null });
    } else if (
      !r.revokedAt &&
      r.expiresAt &&
      r.expiresAt > new Date() &&
      !current.previousExpiresAt
    ) {
      current.previousExpiresAt = r.expiresAt;
    }
  }
  return out;
}

export async function findApiKey(orgId: string, keyId: string, db: Executor = getDb()) {
  const [key] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, keyId)));
  return key;
}

/** Locks the key row until the transaction ends: regenerate, edit and revoke serialise on it. */
export async function lockApiKey(tx: Executor, orgId: string, keyId: string) {
  const [key] = await tx
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, keyId)))
    .for("update");
  return key;
}

/**
 * A key by id in any organization, locked like lockApiKey, with its organization's name and slug.
 * For operator paths only (keys:revoke, leak reports), which act for the whole installation;
 * everything a person reaches goes through the organization-scoped lockApiKey.
 */
export async function lockApiKeyAnyOrg(tx: Executor, keyId: string) {
  const [row] = await tx
    .select({ key: apiKeys, orgName: organizations.name, orgSlug: organizations.slug })
    .from(apiKeys)
    .innerJoin(organizations, eq(organizations.id, apiKeys.orgId))
    .where(eq(apiKeys.id, keyId))
    .for("update", { of: apiKeys });
  return row;
}

export async function updateApiKey(
  tx: Executor,
  orgId: string,
  keyId: string,
  values: {
    name: string;
    teamId: string | null;
    apis: string[];
    expiresAt?: Date | null;
    ipAllowlist?: string[];
    rateLimitPerMinute?: number | null;
  },
) {
  await tx
    .update(apiKeys)
    .set(values)
    .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, keyId)));
}

/**
 * Retires the key's live secrets: at once, or at `expiresAt` for an overlap rotation. A key never
 * has more than two live secrets: the newest and at most one kept alive by an overlap, so a new
 * overlap first ends the secret an earlier overlap was still keeping alive.
 */
export async function retireSecrets(tx: Executor, keyId: string, expiresAt: Date | null) {
  if (!expiresAt) {
    await tx
      .update(apiKeySecrets)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiKeySecrets.keyId, keyId), liveSecret));
    return;
  }
  await endOverlappingSecrets(tx, keyId);
  await tx
    .update(apiKeySecrets)
    .set({ expiresAt })
    .where(and(eq(apiKeySecrets.keyId, keyId), liveSecret, isNull(apiKeySecrets.expiresAt)));
}

/** Ends at once the secrets an overlap keeps alive until their expiry; returns how many. */
export async function endOverlappingSecrets(tx: Executor, keyId: string): Promise<number> {
  const ended = await tx
    .update(apiKeySecrets)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeySecrets.keyId, keyId), liveSecret, isNotNull(apiKeySecrets.expiresAt)))
    .returning({ id: apiKeySecrets.id });
  return ended.length;
}

/** The id of the key's current secret (see currentSecret), if it has one. */
export async function findCurrentSecretId(tx: Executor, keyId: string) {
  const [row] = await tx
    .select({ id: apiKeySecrets.id })
    .from(apiKeySecrets)
    .where(and(eq(apiKeySecrets.keyId, keyId), currentSecret))
    .orderBy(desc(apiKeySecrets.createdAt))
    .limit(1);
  return row?.id ?? null;
}

export async function insertSecret(tx: Executor, keyId: string, secret: SecretValues) {
  await tx.insert(apiKeySecrets).values({ keyId, ...secret });
}

/** `at`: when it happened, if not now by the database's clock (the expiry sweep passes its own). */
export async function archiveApiKey(tx: Executor, orgId: string, keyId: string, at?: Date) {
  const when = at ?? sql`now()`;
  await tx
    .update(apiKeys)
    .set({ status: "archived", archivedAt: when })
    .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, keyId)));
  await tx
    .update(apiKeySecrets)
    .set({ revokedAt: when })
    .where(and(eq(apiKeySecrets.keyId, keyId), isNull(apiKeySecrets.revokedAt)));
}

/** Deletes archived keys beyond the `keep` most recently archived of the organization. */
export async function pruneArchivedKeys(tx: Executor, orgId: string, keep: number) {
  const kept = tx
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.status, "archived")))
    .orderBy(desc(apiKeys.archivedAt), desc(apiKeys.id))
    .limit(keep);
  await tx
    .delete(apiKeys)
    .where(
      and(eq(apiKeys.orgId, orgId), eq(apiKeys.status, "archived"), notInArray(apiKeys.id, kept)),
    );
}

/** Whether the key's secret with this digest still opens the door (inside a key lock). */
export async function isSecretLive(tx: Executor, keyId: string, digest: string) {
  const [row] = await tx
    .select({ id: apiKeySecrets.id })
    .from(apiKeySecrets)
    .where(and(eq(apiKeySecrets.keyId, keyId), eq(apiKeySecrets.digest, digest), liveSecret));
  return !!row;
}

/**
 * The key a secret belongs to, whatever their state, for leak reports: they must tell a live
 * secret (revoke it) from a dead or unknown one (nothing to do).
 */
export async function findKeyBySecretDigest(digest: string, db: Executor = getDb()) {
  const [row] = await db
    .select({
      keyId: apiKeys.id,
      legacy: apiKeys.legacy,
      live: sql<boolean>`coalesce(${liveSecret} and ${apiKeys.status} = 'active', false)`,
    })
    .from(apiKeySecrets)
    .innerJoin(apiKeys, eq(apiKeys.id, apiKeySecrets.keyId))
    .where(eq(apiKeySecrets.digest, digest));
  return row;
}

/** Coalesced last-used write (see touchLastUsed). */
export function touchApiKey(keyId: string, meta: UseMeta, db: Executor = getDb()) {
  return touchLastUsed(apiKeys, keyId, meta, db);
}

export async function findOldestOwner(orgId: string, db: Executor = getDb()) {
  const [row] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "owner")))
    .orderBy(memberships.createdAt)
    .limit(1);
  return row?.userId;
}
