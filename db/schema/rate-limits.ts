import { sql } from "drizzle-orm";
import {
  bigint,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  varchar,
} from "drizzle-orm/pg-core";

// Fixed-window counters shared by every app instance. A row is dead once its window has ended;
// lib/rate-limit/purge.ts deletes such rows on a schedule.
export const rateLimitBuckets = pgTable(
  "rate_limit_buckets",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    /** End of the window; set by every insert. The default only covers rows older than the column. */
    expiresAt: timestamp("expires_at", { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    count: integer("count").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.key, t.windowStart] }),
    // the scheduled purge: rows whose window has ended, oldest first
    index("rate_limit_buckets_expires_idx").on(t.expiresAt),
  ],
);

/**
 * Per-key and per-client request counters of rate-limiter-flexible's PostgreSQL store
 * (lib/access/rate-limit.ts), in the layout it reads and writes: key, points, expire (epoch ms).
 * Column order matters: the store inserts positionally. The migration creates it UNLOGGED: a crash
 * may reset the counters of the current minute, and no request pays for a WAL flush.
 */
export const credentialRateLimits = pgTable(
  "credential_rate_limits",
  {
    key: varchar("key", { length: 255 }).primaryKey(),
    points: integer("points").notNull().default(0),
    expire: bigint("expire", { mode: "number" }),
  },
  (t) => [
    // the store's periodic cleanup deletes rows that expired over an hour ago
    index("credential_rate_limits_expire_idx").on(t.expire),
  ],
);
