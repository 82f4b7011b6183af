import "server-only";
import { and, count, eq } from "drizzle-orm";
import { getDb, type Executor } from "../client";
import { apiKeys } from "../schema";

const activeKeysOf = (orgId: string) => and(eq(apiKeys.orgId, orgId), eq(apiKeys.status, "active"));

/** A member's active keys in one organization, locked: their removal archives every one. */
export async function lockActiveKeysOfCreator(tx: Executor, orgId: string, userId: string) {
  return tx
    .select({ id: apiKeys.id, name: apiKeys.name, teamId: apiKeys.teamId, legacy: apiKeys.legacy })
    .from(apiKeys)
    .where(and(activeKeysOf(orgId), eq(apiKeys.createdBy, userId)))
    .orderBy(apiKeys.createdAt)
    .for("update");
}

/** Active keys per creator (user id → count), for the warning before a member is removed. */
export async function countActiveKeysByCreator(orgId: string, db: Executor = getDb()) {
  const rows = await db
    .select({ userId: apiKeys.createdBy, n: count() })
    .from(apiKeys)
    .where(activeKeysOf(orgId))
    .groupBy(apiKeys.createdBy);
  return new Map(rows.map((r) => [r.userId, r.n]));
}
