import "server-only";
import { getDb, type Executor } from "@/db/client";
import { addUsageCounts, deleteUsageBefore } from "@/db/queries/usage";
import { log } from "@/lib/log";
import type { UsageOutcome } from "./outcomes";

/** Who a request is counted against: an API key or an OAuth client, by record id. */
export type UsageCredential = {
  kind: "api_key" | "oauth_client";
  orgId: string;
  credentialId: string;
};

export type PendingUsage = {
  credential: UsageCredential;
  /** UTC day, YYYY-MM-DD. */
  day: string;
  outcome: UsageOutcome;
  count: number;
};

type UsageState = {
  pending: Map<string, PendingUsage>;
  timer: NodeJS.Timeout | null;
  flushing: Promise<void> | null;
  /** When the retention step last ran (ms since the epoch). */
  prunedAt: number;
};

export const FLUSH_INTERVAL_MS = 5_000;
/** Days of counts kept: the chart shows 30; the rest is slack for time zones and late readers. */
export const RETENTION_DAYS = 60;
const PRUNE_EVERY_MS = 3_600_000;
// Beyond this many distinct (credential, day, outcome) counters a flush starts at once, so memory
// stays bounded whatever the traffic; only attributable requests make counters, so this is rare.
const MAX_PENDING = 20_000;
const DAY_MS = 86_400_000;

// One counter per process, whichever bundle (Next's, a custom server's) loaded this module.
const STATE = Symbol.for("latchkey.usage");
const processWide = globalThis as unknown as { [STATE]?: UsageState };
const state = (processWide[STATE] ??= {
  pending: new Map(),
  timer: null,
  flushing: null,
  prunedAt: 0,
});

let dayCache = { start: 0, end: 0, day: "" };

/** The UTC day of `now`, recomputed only when the day changes. */
export function utcDay(now: number): string {
  if (now >= dayCache.start && now < dayCache.end) return dayCache.day;
  const start = now - (((now % DAY_MS) + DAY_MS) % DAY_MS);
  dayCache = { start, end: start + DAY_MS, day: new Date(start).toISOString().slice(0, 10) };
  return dayCache.day;
}

/**
 * Counts one request made with `credential`. Costs a map update on the request path: no await, no
 * database. Counters are written by a flush at most every few seconds per process (./flush.ts).
 */
export function recordUsage(credential: UsageCredential, outcome: UsageOutcome, now = Date.now()) {
  const day = utcDay(now);
  const key = `${credential.credentialId}|${day}|${outcome}`;
  const entry = state.pending.get(key);
  if (entry) {
    entry.count++;
    return;
  }
  state.pending.set(key, {
    credential: {
      kind: credential.kind,
      orgId: credential.orgId,
      credentialId: credential.credentialId,
    },
    day,
    outcome,
    count: 1,
  });
  schedule(state.pending.size >= MAX_PENDING ? 0 : FLUSH_INTERVAL_MS);
}

function schedule(delay: number) {
  if (state.timer && delay > 0) return;
  if (state.timer) clearTimeout(state.timer);
  state.timer = setTimeout(() => {
    state.timer = null;
    flushPendingUsage().catch((error) => {
      log.error({ err: error }, "could not write usage counts; they are kept for the next flush");
    });
  }, delay);
  // The counters never keep a process alive on their own.
  state.timer.unref();
}

/** Counters not yet written, for tests and diagnostics. */
export function pendingUsage(): PendingUsage[] {
  return [...state.pending.values()].map((p) => ({ ...p, credential: { ...p.credential } }));
}

/**
 * Writes every pending counter now and waits for it. Flushes never overlap; a failed batch is
 * added back to the pending counters, so nothing counted is lost while the database is away.
 */
export async function flushPendingUsage(db: Executor = getDb()): Promise<number> {
  while (state.flushing) await state.flushing.catch(() => {});
  if (state.timer) {
    clearTimeout(state.timer);
    state.timer = null;
  }
  const batch = [...state.pending.values()];
  if (batch.length === 0) return 0;
  state.pending = new Map();
  const run = writeBatch(batch, db);
  state.flushing = run;
  try {
    await run;
    return batch.reduce((sum, p) => sum + p.count, 0);
  } catch (error) {
    for (const p of batch) {
      const key = `${p.credential.credentialId}|${p.day}|${p.outcome}`;
      const entry = state.pending.get(key);
      if (entry) entry.count += p.count;
      else state.pending.set(key, p);
    }
    schedule(FLUSH_INTERVAL_MS);
    throw error;
  } finally {
    state.flushing = null;
  }
}

async function writeBatch(batch: PendingUsage[], db: Executor) {
  await addUsageCounts(
    batch.map((p) => ({
      credentialId: p.credential.credentialId,
      credentialType: p.credential.kind,
      orgId: p.credential.orgId,
      day: p.day,
      outcome: p.outcome,
      count: p.count,
    })),
    db,
  );
  const now = Date.now();
  if (now - state.prunedAt >= PRUNE_EVERY_MS) {
    state.prunedAt = now;
    await deleteUsageBefore(utcDay(now - RETENTION_DAYS * DAY_MS), db);
  }
}

/** Drops every pending counter (tests start from nothing). */
export function resetPendingUsage() {
  state.pending.clear();
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
}
