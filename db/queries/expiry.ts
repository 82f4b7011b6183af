import "server-only";
import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, or } from "drizzle-orm";
import { getDb, type Executor } from "../client";
import { apiKeys, memberships, oauthClients, organizations, users } from "../schema";

/**
 * Active keys whose expiry has come, locked for the sweep's transaction. SKIP LOCKED: sweeps on
 * other instances take other keys instead of waiting, and a key being edited is left for next time.
 */
export async function lockExpiredKeys(tx: Executor, at: Date, limit: number) {
  return tx
    .select()
    .from(apiKeys)
    .where(
      and(eq(apiKeys.status, "active"), isNotNull(apiKeys.expiresAt), lte(apiKeys.expiresAt, at)),
    )
    .orderBy(asc(apiKeys.expiresAt))
    .limit(limit)
    .for("update", { skipLocked: true });
}

/** Live clients whose expiry has come, locked like lockExpiredKeys. */
export async function lockExpiredClients(tx: Executor, at: Date, limit: number) {
  return tx
    .select({
      id: oauthClients.id,
      orgId: oauthClients.orgId,
      name: oauthClients.name,
      expiresAt: oauthClients.expiresAt,
    })
    .from(oauthClients)
    .where(
      and(
        isNull(oauthClients.revokedAt),
        isNotNull(oauthClients.expiresAt),
        lte(oauthClients.expiresAt, at),
      ),
    )
    .orderBy(asc(oauthClients.expiresAt))
    .limit(limit)
    .for("update", { skipLocked: true });
}

export async function markClientExpired(tx: Executor, id: string, at: Date) {
  await tx.update(oauthClients).set({ revokedAt: at }).where(eq(oauthClients.id, id));
}

/** Active keys expiring in (from, until], with their creator and organization: reminder candidates. */
export async function keysExpiringWithin(
  from: Date,
  until: Date,
  limit: number,
  db: Executor = getDb(),
) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      expiresAt: apiKeys.expiresAt,
      orgId: apiKeys.orgId,
      orgName: organizations.name,
      userId: users.id,
      userEmail: users.email,
      userName: users.name,
    })
    .from(apiKeys)
    .innerJoin(organizations, eq(organizations.id, apiKeys.orgId))
    .innerJoin(users, eq(users.id, apiKeys.createdBy))
    .where(
      and(
        eq(apiKeys.status, "active"),
        isNotNull(apiKeys.expiresAt),
        gt(apiKeys.expiresAt, from),
        lte(apiKeys.expiresAt, until),
      ),
    )
    .orderBy(asc(apiKeys.expiresAt))
    .limit(limit);
}

/** Live clients expiring in (from, until], with their creator (if still a user) and organization. */
export async function clientsExpiringWithin(
  from: Date,
  until: Date,
  limit: number,
  db: Executor = getDb(),
) {
  return db
    .select({
      id: oauthClients.id,
      name: oauthClients.name,
      expiresAt: oauthClients.expiresAt,
      orgId: oauthClients.orgId,
      orgName: organizations.name,
      createdBy: oauthClients.createdBy,
    })
    .from(oauthClients)
    .innerJoin(organizations, eq(organizations.id, oauthClients.orgId))
    .where(
      and(
        isNull(oauthClients.revokedAt),
        isNotNull(oauthClients.expiresAt),
        gt(oauthClients.expiresAt, from),
        lte(oauthClients.expiresAt, until),
      ),
    )
    .orderBy(asc(oauthClients.expiresAt))
    .limit(limit);
}

/**
 * Who hears about an expiring client: the owners and admins of its organization, and its creator
 * while still a member (someone who left is told nothing about the organization's clients).
 */
export async function clientReminderRecipients(
  orgIds: string[],
  creatorIds: string[],
  db: Executor = getDb(),
) {
  if (orgIds.length === 0) return [];
  return db
    .select({
      orgId: memberships.orgId,
      role: memberships.role,
      userId: users.id,
      email: users.email,
      name: users.name,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        inArray(memberships.orgId, orgIds),
        creatorIds.length
          ? or(
              inArray(memberships.role, ["owner", "admin"]),
              inArray(memberships.userId, creatorIds),
            )
          : inArray(memberships.role, ["owner", "admin"]),
      ),
    );
}
