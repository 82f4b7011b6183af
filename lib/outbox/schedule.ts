import "server-only";
import { log } from "@/lib/log";
import { drainOutbox, type OutboxOptions } from "./worker";
import { env } from "@/lib/env";

export type OutboxWorker = {
  /** Runs a round now (or right after the current one) instead of at the next poll. */
  nudge: () => void;
  /** Stops polling; resolves once the round in progress, if any, has finished. */
  stop: () => Promise<void>;
};

type StartOptions = OutboxOptions & {
  pollMs?: number;
  sweepMs?: number;
  /** Periodic work run by the same loop (the expiry sweep); may queue emails. */
  sweep?: () => Promise<unknown>;
};

const WORKER = Symbol.for("latchkey.outbox-worker");
const processWide = globalThis as unknown as { [WORKER]?: OutboxWorker };

/**
 * Starts this process's outbox worker, once (Next may load this module in several bundles; the
 * worker lives on globalThis, and later calls return it). It polls the email_outbox table every
 * OUTBOX_POLL_MS and runs the expiry sweep every EXPIRY_SWEEP_MS. Nothing is kept in memory:
 * whatever is due is in the table, so a restart loses nothing and any instance can send it.
 * Rounds never overlap; a failed round is logged and polling goes on.
 */
export function startOutboxWorker(options: StartOptions = {}): OutboxWorker {
  const running = processWide[WORKER];
  if (running) return running;
  const pollMs = options.pollMs ?? env().OUTBOX_POLL_MS;
  const sweepMs = options.sweepMs ?? env().EXPIRY_SWEEP_MS;
  const sweep =
    options.sweep ?? (async () => (await import("@/lib/expiry/sweep")).runExpirySweep());

  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let current: Promise<void> | null = null;
  let again = false;
  let lastSweep = 0;

  const round = async () => {
    do {
      again = false;
      if (Date.now() - lastSweep >= sweepMs) {
        lastSweep = Date.now();
        try {
          await sweep();
        } catch (error) {
          log.error({ err: error }, "the expiry sweep failed");
        }
      }
      try {
        await drainOutbox(options);
      } catch (error) {
        log.error({ err: error }, "the outbox round failed");
      }
    } while (again && !stopped);
  };

  const tick = () => {
    if (stopped) return;
    if (current) {
      again = true;
      return;
    }
    clearTimeout(timer);
    current = round().finally(() => {
      current = null;
      if (!stopped) {
        timer = setTimeout(tick, pollMs);
        timer.unref();
      }
    });
  };

  timer = setTimeout(tick, 0);
  timer.unref();
  const worker: OutboxWorker = {
    nudge: tick,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      if (processWide[WORKER] === worker) delete processWide[WORKER];
      await current;
    },
  };
  processWide[WORKER] = worker;
  return worker;
}

/** This process's worker, if started. */
export function runningOutboxWorker(): OutboxWorker | undefined {
  return processWide[WORKER];
}

/**
 * Asks this process's worker to send now, after a transaction that queued an email has committed.
 * Without a running worker (scripts, tests) it does nothing: the row waits for the next poll.
 */
export function nudgeOutbox() {
  processWide[WORKER]?.nudge();
}
