import "server-only";
import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import { getDb, type Executor } from "../client";
import { usageDaily } from "../schema";

export type UsageCount = typeof usageDaily.$inferInsert & { count: number };

const BATCH_ROWS = 500;

/**
 * Adds counts to the stored ones (insert, or add on conflict): several instances flushing the same
 * counter at once both land. Rows go in key order, so two concurrent flushes lock them in the
 * same order and cannot deadlock.
 */
export async function addUsageCounts(rows: UsageCount[], db: Executor = getDb()) {
  const sorted = [...rows].sort(
    (a, b) =>
      a.credentialId.localeCompare(b.credentialId) ||
      a.day.localeCompare(b.day) ||
      a.outcome.localeCompare(b.outcome),
  );
  for (let i = 0; i < sorted.length; i += BATCH_ROWS) {
    await db
      .insert(usageDaily)
      .values(sorted.slice(i, i + BATCH_ROWS))
      .onConflictDoUpdate({
        target: [usageDaily.credentialId, usageDaily.day, usageDaily.outcome],
        set: { count: sql`${usageDaily.count} + excluded.count` },
      });
  }
}

/** One credential's counts per day and outcome from `fromDay` (inclusive), oldest first. */
export async function findUsageSince(
  orgId: string,
  credentialId: string,
  fromDay: string,
  db: Executor = getDb(),
) {
  return db
    .select({ day: usageDaily.day, outcome: usageDaily.outcome, count: usageDaily.count })
    .from(usageDaily)
    .where(
      and(
        eq(usageDaily.orgId, orgId),
        eq(usageDaily.credentialId, credentialId),
        gte(usageDaily.day, fromDay),
      ),
    )
    .orderBy(asc(usageDaily.day), asc(usageDaily.outcome));
}

/** Retention: deletes the days before `day`. */
export async function deleteUsageBefore(day: string, db: Executor = getDb()) {
  await db.delete(usageDaily).where(lt(usageDaily.day, day));
}
