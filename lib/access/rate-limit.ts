import "server-only";
import { Redis } from "ioredis";
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { getHandle, type DbHandle } from "@/db/client";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { pgStoreClient } from "@/db/rate-limit-store-client";
import { LeasePool, type Grant } from "./rate-limit-leases";
import { MAX_RATE_LIMIT_PER_MINUTE } from "./schema";

/** Limits are per minute: each credential's window starts with its first request. */
export const RATE_LIMIT_WINDOW_SECONDS = 60;
const KEY_PREFIX = "lk-credential";
/** The table of rate-limiter-flexible's PostgreSQL store (db/schema/rate-limits.ts). */
const PG_TABLE = "credential_rate_limits";

export type RateLimitStore =
  | { kind: "redis"; client: Redis }
  | { kind: "postgres"; handle: Pick<DbHandle, "kind" | "db"> }
  | { kind: "memory" };

export type RateLimitOutcome = {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window ends and the full limit is available again. */
  resetSeconds: number;
};

export type CredentialLimiter = {
  store: RateLimitStore["kind"];
  /** Counts one request of `subject` against `limit` per minute. */
  consume: (subject: string, limit: number) => Promise<RateLimitOutcome>;
};

/**
 * Request counting per key or client, shared by every instance through the store: Redis and
 * PostgreSQL count atomically (a Lua script; an `INSERT … ON CONFLICT DO UPDATE … RETURNING`), and
 * each instance takes points in small leases (rate-limit-leases.ts), so instances never admit more
 * than the limit between them while a busy credential costs the store few round trips. Memory is
 * for the embedded database, which is a single process anyway.
 */
export function createCredentialLimiter(
  store: RateLimitStore,
  opts: { keyPrefix?: string } = {},
): CredentialLimiter {
  const keyPrefix = opts.keyPrefix ?? KEY_PREFIX;
  // rate-limiter-flexible fixes the points per limiter; one limiter per distinct limit value,
  // all writing the same counters, so a changed limit applies to the count already made.
  const limiters = new Map<number, RateLimiterAbstract>();
  const pgClient = store.kind === "postgres" ? pgStoreClient(store.handle) : null;
  // Memory limiters each keep their own counts, so in memory one limiter counts for every limit
  // value and the decision is made here from the count.
  const memory =
    store.kind === "memory"
      ? new RateLimiterMemory({
          points: MAX_RATE_LIMIT_PER_MINUTE,
          duration: RATE_LIMIT_WINDOW_SECONDS,
          keyPrefix,
        })
      : null;

  function limiterFor(points: number): RateLimiterAbstract {
    let limiter = limiters.get(points);
    if (limiter) return limiter;
    const base = { points, duration: RATE_LIMIT_WINDOW_SECONDS, keyPrefix };
    // Once a credential is over its limit, this instance refuses it from memory until the window
    // ends instead of asking the store again: a flood costs the store one write per instance.
    const stored = {
      ...base,
      inMemoryBlockOnConsumed: points + 1,
      // If the store is unreachable, count in this process rather than fail every request.
      insuranceLimiter: new RateLimiterMemory(base),
    };
    if (store.kind === "redis") {
      limiter = new RateLimiterRedis({
        ...stored,
        storeClient: store.client,
        rejectIfRedisNotReady: true,
      });
    } else if (store.kind === "postgres") {
      limiter = new RateLimiterPostgres({
        ...stored,
        storeClient: pgClient,
        storeType: "client",
        tableName: PG_TABLE,
        // The table comes from the migrations, not from the limiter.
        tableCreated: true,
        // One periodic cleanup per process is enough: it deletes every long-expired row.
        clearExpiredByTimeout: limiters.size === 0,
      });
    } else {
      throw new Error(`unknown rate-limit store ${(store as { kind: string }).kind}`);
    }
    limiters.set(points, limiter);
    return limiter;
  }

  const allowAnyway = (limit: number, error: unknown): RateLimitOutcome => {
    // Reached only if the insurance limiter failed too: a limit is a safeguard, not an
    // authorization, so the request goes through and the failure is logged.
    log.error({ err: error }, "rate limiting failed; request allowed");
    return { allowed: true, limit, remaining: limit, resetSeconds: RATE_LIMIT_WINDOW_SECONDS };
  };

  if (memory) {
    return {
      store: store.kind,
      async consume(subject, limit) {
        try {
          const res = await memory.consume(subject);
          const allowed = res.consumedPoints <= limit;
          return {
            allowed,
            limit,
            remaining: allowed ? limit - res.consumedPoints : 0,
            resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
          };
        } catch (error) {
          return allowAnyway(limit, error);
        }
      },
    };
  }

  /** Asks the store for `n` points; those within the limit are granted. */
  async function take(subject: string, limit: number, n: number): Promise<Grant> {
    try {
      const res = await limiterFor(limit).consume(subject, n);
      return { granted: n, counted: res.consumedPoints, msBeforeNext: res.msBeforeNext };
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      // Refused from this instance's memory (already over the limit): the store was not asked.
      if (error.consumedPoints < n) {
        return { granted: 0, counted: limit, msBeforeNext: error.msBeforeNext };
      }
      // Over the limit with this request: the points still under it are this instance's.
      const before = error.consumedPoints - n;
      return {
        granted: Math.max(0, Math.min(n, limit - before)),
        counted: error.consumedPoints,
        msBeforeNext: error.msBeforeNext,
      };
    }
  }
  const leases = new LeasePool(take);

  return {
    store: store.kind,
    async consume(subject, limit) {
      try {
        return await leases.consume(subject, limit);
      } catch (error) {
        return allowAnyway(limit, error);
      }
    },
  };
}

type Installed = { handle: DbHandle; redisUrl: string | undefined; limiter: CredentialLimiter };
const INSTALLED = Symbol.for("latchkey.credential-limiter");
const processWide = globalThis as unknown as { [INSTALLED]?: Installed };

function defaultStore(handle: DbHandle, redisUrl: string | undefined): RateLimitStore {
  if (redisUrl) {
    const client = new Redis(redisUrl, {
      // Fail fast while disconnected (the insurance limiter takes over) instead of queueing.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
    client.on("error", (error) => log.warn({ err: error }, "Redis connection error"));
    return { kind: "redis", client };
  }
  // Counted on the verification path's pool: one statement per request, pipelined like the lookup.
  if (handle.kind === "postgres") {
    return { kind: "postgres", handle: { kind: handle.kind, db: handle.verifyDb } };
  }
  return { kind: "memory" };
}

/**
 * This process's limiter: Redis when REDIS_URL is set, else the PostgreSQL server, else memory
 * (the embedded database is one process). One per process, whichever bundle asks.
 */
export function credentialLimiter(): CredentialLimiter {
  const handle = getHandle();
  const redisUrl = env().REDIS_URL;
  const installed = processWide[INSTALLED];
  if (installed && installed.handle === handle && installed.redisUrl === redisUrl) {
    return installed.limiter;
  }
  const limiter = createCredentialLimiter(defaultStore(handle, redisUrl));
  processWide[INSTALLED] = { handle, redisUrl, limiter };
  return limiter;
}
