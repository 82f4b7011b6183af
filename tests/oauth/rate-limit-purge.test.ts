import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { rateLimitBuckets } from "@/db/schema";
import { register } from "@/instrumentation";
import { consume } from "@/lib/rate-limit";
import {
  purgeExpiredRateLimitBuckets,
  runningRateLimitPurge,
  startRateLimitPurge,
} from "@/lib/rate-limit/purge";
import { log } from "@/lib/log";
import { runningOutboxWorker } from "@/lib/outbox/schedule";
// Aliased: a vitest fixture, not a React hook, whatever its name says to the hooks lint rule.
import { useTestDatabase as setUpTestDatabase } from "../helpers/db";

const database = setUpTestDatabase();

/** `count` counter rows whose window ended `agoSeconds` ago, as a flood of one-off callers leaves. */
async function insertExpired(count: number, agoSeconds = 120, prefix = "old") {
  const rows = Array.from({ length: count }, (_, i) => ({
    key: `${prefix}:${i}`,
    windowStart: new Date(Date.now() - (agoSeconds + 60) * 1000),
    expiresAt: new Date(Date.now() - agoSeconds * 1000),
    count: 3,
  }));
  for (let i = 0; i < rows.length; i += 500) {
    await database.db.insert(rateLimitBuckets).values(rows.slice(i, i + 500));
  }
}

async function countRows(where: "expired" | "live") {
  const [row] = await database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(rateLimitBuckets)
    .where(
      where === "expired"
        ? sql`${rateLimitBuckets.expiresAt} <= now()`
        : sql`${rateLimitBuckets.expiresAt} > now()`,
    );
  return Number(row!.n);
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 25));
  }
}

afterEach(async () => {
  runningRateLimitPurge()?.stop();
  vi.restoreAllMocks();
  await database.db.delete(rateLimitBuckets);
});

describe("expired rate-limit counters are purged on a schedule", () => {
  it("old counter rows of keys never hit again disappear once the scheduled purge runs; live ones stay", async () => {
    await insertExpired(1200);
    await consume("live:caller", 10, 60);
    expect(await countRows("expired")).toBe(1200);
    startRateLimitPurge({ intervalMs: 20, batchSize: 500 });
    await eventually(async () => (await countRows("expired")) === 0);
    expect(await countRows("live")).toBe(1);
  });

  it("deletes in bounded batches per run", async () => {
    await insertExpired(450);
    const deleted = await purgeExpiredRateLimitBuckets({ batchSize: 100, maxBatches: 2 });
    expect(deleted).toBe(200);
    expect(await countRows("expired")).toBe(250);
    expect(await purgeExpiredRateLimitBuckets({ batchSize: 100, maxBatches: 10 })).toBe(250);
    expect(await countRows("expired")).toBe(0);
  });

  it("several instances purging at the same time delete every expired row exactly once", async () => {
    await insertExpired(900);
    const results = await Promise.all(
      Array.from({ length: 3 }, () => purgeExpiredRateLimitBuckets({ batchSize: 50 })),
    );
    expect(results.reduce((a, b) => a + b, 0)).toBe(900);
    expect(await countRows("expired")).toBe(0);
  });

  it("a counter is kept while its window is current", async () => {
    const state = await consume("caller:a", 5, 60);
    await purgeExpiredRateLimitBuckets();
    const again = await consume("caller:a", 5, 60);
    expect(again.count).toBe(state.count + 1);
  });

  it("starts once per process, with a timer that never keeps the process alive", async () => {
    const first = startRateLimitPurge({ intervalMs: 60_000 });
    const second = startRateLimitPurge({ intervalMs: 10 });
    expect(second).toBe(first);
    expect(runningRateLimitPurge()).toBe(first);
    expect(first.keepsProcessAlive()).toBe(false);
    first.stop();
    expect(runningRateLimitPurge()).toBeUndefined();
  });

  it("a failing purge is logged and the schedule goes on", async () => {
    const logged = vi.spyOn(log, "error").mockImplementation(() => {});
    let calls = 0;
    startRateLimitPurge({
      intervalMs: 10,
      run: async () => {
        calls += 1;
        if (calls === 1) throw new Error("connection reset");
        return 0;
      },
    });
    await eventually(async () => calls >= 3);
    expect(logged).toHaveBeenCalledWith(
      { err: expect.objectContaining({ message: "connection reset" }) },
      expect.stringContaining("rate-limit"),
    );
  });

  it("the server process starts it at start-up", async () => {
    process.env.AUTH_SECRET ??= "test-only-auth-secret-0123456789abcdef";
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    vi.stubEnv("DB_AUTO_MIGRATE", "0");
    expect(runningRateLimitPurge()).toBeUndefined();
    await register();
    expect(runningRateLimitPurge()).toBeDefined();
    // register() also starts the email outbox worker (tested in tests/outbox); not wanted here.
    await runningOutboxWorker()?.stop();
    vi.unstubAllEnvs();
  });
});
