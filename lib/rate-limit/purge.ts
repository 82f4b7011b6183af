import { getDb, type Executor } from "@/db/client";
import { deleteExpiredRateLimitBuckets } from "@/db/queries/rate-limits";
import { log } from "@/lib/log";

const DEFAULT_BATCH_SIZE = 1000;
const DEFAULT_MAX_BATCHES = 20;
const DEFAULT_INTERVAL_MS = 60_000;

/**
 * Deletes counter rows whose window has ended, `batchSize` rows per statement and at most
 * `maxBatches` statements, so one run never holds many locks or runs long. Returns the number of
 * rows deleted.
 */
export async function purgeExpiredRateLimitBuckets(
  opts: { batchSize?: number; maxBatches?: number } = {},
  db: Executor = getDb(),
): Promise<number> {
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  const maxBatches = opts.maxBatches ?? DEFAULT_MAX_BATCHES;
  let total = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const deleted = await deleteExpiredRateLimitBuckets(batchSize, db);
    total += deleted;
    if (deleted < batchSize) break;
  }
  return total;
}

export type RateLimitPurgeJob = {
  stop: () => void;
  /** False: the timer never holds the process open on its own. */
  keepsProcessAlive: () => boolean;
};

const JOB = Symbol.for("latchkey.rate-limit-purge");
const processWide = globalThis as unknown as { [JOB]?: RateLimitPurgeJob };

/** The purge job of this process, if started. */
export function runningRateLimitPurge(): RateLimitPurgeJob | undefined {
  return processWide[JOB];
}

/**
 * Starts the periodic purge of expired counters, once per process (Next may load this module in
 * several bundles; the job lives on globalThis). Runs never overlap: the next one is scheduled
 * when the previous ends. A failed run is logged and the schedule goes on.
 */
export function startRateLimitPurge(
  opts: {
    intervalMs?: number;
    batchSize?: number;
    maxBatches?: number;
    run?: () => Promise<unknown>;
  } = {},
): RateLimitPurgeJob {
  const running = processWide[JOB];
  if (running) return running;
  const intervalMs = opts.intervalMs ?? DEFAULT_INTERVAL_MS;
  const run =
    opts.run ??
    (() =>
      purgeExpiredRateLimitBuckets({ batchSize: opts.batchSize, maxBatches: opts.maxBatches }));
  let stopped = false;
  let timer: NodeJS.Timeout;
  const schedule = () => {
    // tick() logs its own failures, so nothing is left to await.
    timer = setTimeout(() => void tick(), intervalMs);
    timer.unref();
  };
  const tick = async () => {
    try {
      await run();
    } catch (error) {
      log.error({ err: error }, "purging expired rate-limit counters failed");
    }
    if (!stopped) schedule();
  };
  schedule();
  const job: RateLimitPurgeJob = {
    stop() {
      stopped = true;
      clearTimeout(timer);
      if (processWide[JOB] === job) delete processWide[JOB];
    },
    keepsProcessAlive: () => timer.hasRef(),
  };
  processWide[JOB] = job;
  return job;
}
