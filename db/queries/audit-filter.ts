// Free of zod and server-only: the audit log's filter bar in the browser reads the range names too.
import type { AuditAction } from "../schema/audit";

/** How far back each range preset of the audit log reaches. */
export const rangeDurations = {
  "24h": 24 * 3600_000,
  "7d": 7 * 24 * 3600_000,
  "30d": 30 * 24 * 3600_000,
} as const;
export type RangePreset = keyof typeof rangeDurations;

/** A keyset position: occurred_at in UTC epoch microseconds and the event id. */
export type Cursor = { us: string; id: number };

export type AuditFilters = {
  teams: string[];
  action?: AuditAction;
  /** A user id, or "system" for events without a person behind them. */
  actor?: string;
  range?: RangePreset;
  from?: Date;
  to?: Date;
  q?: string;
};

export type AuditPageRequest = AuditFilters & {
  order: "newest" | "oldest";
  after?: Cursor;
  before?: Cursor;
  pageSize: number;
};
