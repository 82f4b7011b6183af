import { getDb, type Executor } from "@/db/client";
import { incrementRateLimitBucket, rateLimitCounts } from "@/db/queries/rate-limits";

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
 * Counts one hit (or `hits`) on `key` in the current window and returns the state after it: one
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING`, atomic across instances.
 */
export async function consume(
  key: string,
  limit: number,
  windowSeconds: number,
  db: Executor = getDb(),
  hits = 1,
): Promise<RateLimitState> {
  const { start, resetSeconds } = windowOf(windowSeconds);
  const count = await incrementRateLimitBucket(
    key,
    start,
    new Date(start.getTime() + windowSeconds * 1000),
    db,
    hits,
  );
  // Rows of ended windows are left to the scheduled purge (./purge.ts): most keys of a flood are
  // never hit again, so cleaning up on the next hit would leave them behind.
  return stateOf(key, limit, count, resetSeconds);
}

/** Reads the current window's counts without writing: what callers pay when nothing has failed. */
export async function peek(
  keys: { key: string; limit: number }[],
  windowSeconds: number,
  db: Executor = getDb(),
): Promise<RateLimitState[]> {
  if (keys.length === 0) return [];
  const { start, resetSeconds } = windowOf(windowSeconds);
  const rows = await rateLimitCounts(
    keys.map((k) => k.key),
    start,
    db,
  );
  return keys.map(({ key, limit }) =>
    stateOf(key, limit, rows.find((r) => r.key === key)?.count ?? 0, resetSeconds),
  );
}

/** Start of the current fixed window, the value db/queries/rate-limits countsColumn compares with. */
export function currentWindowStart(windowSeconds: number): Date {
  return windowOf(windowSeconds).start;
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
