import "server-only";
import { and, eq, gt, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "../client";
import { rateLimitBuckets } from "../schema";
import { rawRows } from "./raw";

/**
 * Counts `hits` (one by default) on `key` in the window starting at `windowStart` and returns the
 * count after them: one `INSERT … ON CONFLICT DO UPDATE … RETURNING`, atomic across instances.
 */
export async function incrementRateLimitBucket(
  key: string,
  windowStart: Date,
  expiresAt: Date,
  db: Executor = getDb(),
  hits = 1,
): Promise<number> {
  const [row] = await db
    .insert(rateLimitBuckets)
    .values({ key, windowStart, expiresAt, count: hits })
    .onConflictDoUpdate({
      target: [rateLimitBuckets.key, rateLimitBuckets.windowStart],
      set: { count: sql`${rateLimitBuckets.count} + ${hits}` },
    })
    .returning({ count: rateLimitBuckets.count });
  return row!.count;
}

/** The counts of `keys` in the window starting at `windowStart`; keys never hit are absent. */
export async function rateLimitCounts(keys: string[], windowStart: Date, db: Executor = getDb()) {
  return db
    .select({ key: rateLimitBuckets.key, count: rateLimitBuckets.count })
    .from(rateLimitBuckets)
    .where(and(inArray(rateLimitBuckets.key, keys), eq(rateLimitBuckets.windowStart, windowStart)));
}

/** Takes one hit back from each of `keys` in the window starting at `windowStart`. */
export async function decrementRateLimitBuckets(
  keys: string[],
  windowStart: Date,
  db: Executor = getDb(),
) {
  await db
    .update(rateLimitBuckets)
    .set({ count: sql`${rateLimitBuckets.count} - 1` })
    .where(
      and(
        inArray(rateLimitBuckets.key, keys),
        eq(rateLimitBuckets.windowStart, windowStart),
        gt(rateLimitBuckets.count, 0),
      ),
    );
}

/** Forgets every window of `key`. */
export async function deleteRateLimitKey(key: string, db: Executor = getDb()) {
  await db.delete(rateLimitBuckets).where(eq(rateLimitBuckets.key, key));
}

/**
 * The counts of `keys` in the window starting at `windowStart` as a scalar subquery
 * (`{ key: count }` or null), for callers that want the check folded into a query they make
 * anyway: one round trip instead of two. Keys and start may be placeholders of a prepared query;
 * a null key matches nothing.
 */
export function countsColumn(keys: unknown[], windowStart: unknown) {
  const list = sql.join(
    keys.map((k) => sql`${k}`),
    sql`, `,
  );
  return sql<
    Record<string, number> | string | null
  >`(select json_object_agg(${rateLimitBuckets.key}, ${rateLimitBuckets.count}) from ${rateLimitBuckets} where ${rateLimitBuckets.key} in (${list}) and ${rateLimitBuckets.windowStart} = ${windowStart}::timestamptz)` as SQL<
    Record<string, number> | string | null
  >;
}

/**
 * Deletes up to `batchSize` counter rows whose window has ended and returns how many. Instances
 * purging at the same time skip each other's rows (SKIP LOCKED) instead of waiting on them.
 */
export async function deleteExpiredRateLimitBuckets(
  batchSize: number,
  db: Executor = getDb(),
): Promise<number> {
  const [row] = await rawRows<{ deleted: number }>(
    db,
    sql`with doomed as (
          select key, window_start from rate_limit_buckets
           where expires_at <= now()
           order by expires_at
           limit ${batchSize}
           for update skip locked
        ), deleted as (
          delete from rate_limit_buckets b using doomed d
           where b.key = d.key and b.window_start = d.window_start
          returning 1
        )
        select count(*)::int as deleted from deleted`,
  );
  return Number(row?.deleted ?? 0);
}
