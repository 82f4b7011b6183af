import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { rateLimitBuckets } from "@/db/schema";

export type RateLimitState = {
  key: string;
  limit: number;
  /** Hits counted in the current window. */
  count: number;
  remaining: number;
  /** Seconds until the current window ends. */
  resetSeconds: number;
  limited: boolean;
};

/** Fixed windows aligned on the epoch, so every instance agrees on the bucket without talking. */
function windowOf(windowSeconds: number, now = Date.now()) {
  const ms = windowSeconds * 1000;
  const start = Math.floor(now / ms) * ms;
  return {
    start: new Date(start),
    resetSeconds: Math.max(1, Math.ceil((start + ms - now) / 1000)),
  };
}

function stateOf(key: string, limit: number, count: number, resetSeconds: number): RateLimitState {
  return {
    key,
    limit,
    count,
    remaining: Math.max(0, limit - count),
    resetSeconds,
    limited: count >= limit,
  };
}

/**
 * Counts one hit on `key` in the current window and returns the state after it: one
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING`, atomic across instances.
 */
export async function consume(
  key: string,
  limit: number,
  windowSeconds: number,
  db: Executor = getDb(),
): Promise<RateLimitState> {
  const { start, resetSeconds } = windowOf(windowSeconds);
  const [row] = await db
    .insert(rateLimitBuckets)
    .values({
      key,
      windowStart: start,
      expiresAt: new Date(start.getTime() + windowSeconds * 1000),
      count: 1,
    })
    .onConflictDoUpdate({
      target: [rateLimitBuckets.key, rateLimitBuckets.windowStart],
      set: { count: sql`${rateLimitBuckets.count} + 1` },
    })
    .returning({ count: rateLimitBuckets.count });
  // Rows of ended windows are left to the scheduled purge (./purge.ts): most keys of a flood are
  // never hit again, so cleaning up on the next hit would leave them behind.
  return stateOf(key, limit, row!.count, resetSeconds);
}

/** Reads the current window's counts without writing: what callers pay when nothing has failed. */
export async function peek(
  keys: { key: string; limit: number }[],
  windowSeconds: number,
  db: Executor = getDb(),
): Promise<RateLimitState[]> {
  if (keys.length === 0) return [];
  const { start, resetSeconds } = windowOf(windowSeconds);
  const rows = await db
    .select({ key: rateLimitBuckets.key, count: rateLimitBuckets.count })
    .from(rateLimitBuckets)
    .where(
      and(
        inArray(
          rateLimitBuckets.key,
          keys.map((k) => k.key),
        ),
        eq(rateLimitBuckets.windowStart, start),
      ),
    );
  return keys.map(({ key, limit }) =>
    stateOf(key, limit, rows.find((r) => r.key === key)?.count ?? 0, resetSeconds),
  );
}

/** Start of the current fixed window, the value countsColumn compares bucket rows with. */
export function currentWindowStart(windowSeconds: number): Date {
  return windowOf(windowSeconds).start;
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

/** Turns a countsColumn value into per-key states. */
export function statesFromCounts(
  keys: { key: string; limit: number }[],
  windowSeconds: number,
  counts: Record<string, number> | string | null,
): RateLimitState[] {
  const parsed: Record<string, number> =
    typeof counts === "string" ? JSON.parse(counts) : (counts ?? {});
  const { resetSeconds } = windowOf(windowSeconds);
  return keys.map(({ key, limit }) => stateOf(key, limit, Number(parsed[key] ?? 0), resetSeconds));
}

/** RateLimit-* (IETF draft) and Retry-After headers for a limited response. */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "Retry-After": String(state.resetSeconds),
    "RateLimit-Limit": String(state.limit),
    "RateLimit-Remaining": String(state.remaining),
    "RateLimit-Reset": String(state.resetSeconds),
  };
}
