import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createDb, type DbHandle } from "@/db/client";
import {
  createCredentialLimiter,
  credentialLimiter,
  type CredentialLimiter,
} from "@/lib/access/rate-limit";
import { useTestDatabase } from "../helpers/db";

const database = useTestDatabase();
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const LIMIT = 100;
const REQUESTS = 300;

const toClose: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const close of toClose) await close();
});

/**
 * Two app instances counting the same credential at once: REQUESTS requests, alternating between
 * them, all in flight together. Returns how many were admitted.
 */
async function admittedAcross(
  a: CredentialLimiter,
  b: CredentialLimiter,
  subject: string,
  limit = LIMIT,
  requests = REQUESTS,
) {
  const outcomes = await Promise.all(
    Array.from({ length: requests }, (_, i) => (i % 2 ? a : b).consume(subject, limit)),
  );
  return outcomes.filter((o) => o.allowed).length;
}

/** At most 10 % over the limit across instances (the target), and never under it. */
function expectWithinOvershoot(admitted: number) {
  expect(admitted).toBeGreaterThanOrEqual(LIMIT);
  expect(admitted).toBeLessThanOrEqual(LIMIT * 1.1);
}

// With a limit of 1,000 each instance leases 10 points at a time: never more than the limit, and
// at most one unused lease per instance (9 points) short of it.
const LEASED_LIMIT = 1000;
function expectLeasedWithinLimit(admitted: number) {
  expect(admitted).toBeLessThanOrEqual(LEASED_LIMIT);
  expect(admitted).toBeGreaterThanOrEqual(LEASED_LIMIT - 2 * 9);
}

describe("the limiter shared by two instances", () => {
  it("on the PostgreSQL store (rate-limiter-flexible over the app's own connection pool), admits the limit and no more", async () => {
    // Two pools on PostgreSQL, as two instances would have; PGlite is one process, so one handle.
    let second: DbHandle | undefined;
    if (database.url) {
      second = createDb({ url: database.url });
      toClose.push(() => second!.close());
    }
    const first = { kind: database.kind, db: database.db };
    const a = createCredentialLimiter({ kind: "postgres", handle: first });
    const b = createCredentialLimiter({ kind: "postgres", handle: second ?? first });
    const subject = `api_key:${randomUUID()}`;
    const admitted = await admittedAcross(a, b, subject);
    expectWithinOvershoot(admitted);
    expect(admitted).toBe(LIMIT);
    // And the count lives in the table, not in either instance.
    const fresh = createCredentialLimiter({ kind: "postgres", handle: first });
    const next = await fresh.consume(subject, LIMIT);
    expect(next).toMatchObject({ allowed: false, remaining: 0, limit: LIMIT });
    expect(next.resetSeconds).toBeGreaterThanOrEqual(1);
    expect(next.resetSeconds).toBeLessThanOrEqual(60);

    // A higher limit is counted in leases; still never over the limit between the two.
    const leased = await admittedAcross(a, b, `api_key:${randomUUID()}`, LEASED_LIMIT, 3000);
    expectLeasedWithinLimit(leased);
  });

  it("on the Redis store (REDIS_URL, default 127.0.0.1:6379), admits the limit and no more", async () => {
    const clients = [new Redis(REDIS_URL), new Redis(REDIS_URL)];
    toClose.push(() => Promise.all(clients.map((c) => c.quit())));
    const keyPrefix = `lk-test-${randomUUID()}`;
    const [a, b] = clients.map((client) =>
      createCredentialLimiter({ kind: "redis", client }, { keyPrefix }),
    );
    const subject = `oauth_client:${randomUUID()}`;
    // rejectIfRedisNotReady: wait for both connections, as a running server would have them.
    await Promise.all(clients.map((c) => c.ping()));
    const admitted = await admittedAcross(a!, b!, subject);
    expectWithinOvershoot(admitted);
    expect(admitted).toBe(LIMIT);
    const ttl = await clients[0]!.pttl(`${keyPrefix}:${subject}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await clients[0]!.del(`${keyPrefix}:${subject}`);

    // A higher limit is counted in leases of 10 points: about one store call per 10 requests.
    const calls = clients.map((c) => vi.spyOn(c, "sendCommand"));
    const leasedSubject = `oauth_client:${randomUUID()}`;
    const leased = await admittedAcross(a!, b!, leasedSubject, LEASED_LIMIT, 3000);
    expectLeasedWithinLimit(leased);
    const storeCalls = calls
      .flatMap((spy) => spy.mock.calls)
      .filter(([command]) => /^eval/.test((command as { name: string }).name)).length;
    expect(storeCalls).toBeGreaterThanOrEqual(LEASED_LIMIT / 10);
    // once over the limit, each instance refuses from memory instead of asking Redis again
    expect(storeCalls).toBeLessThanOrEqual(LEASED_LIMIT / 10 + 4);
    await clients[0]!.del(`${keyPrefix}:${leasedSubject}`);
  });

  it("in memory (the embedded database's single process), admits exactly the limit", async () => {
    const limiter = createCredentialLimiter({ kind: "memory" });
    const outcomes = await Promise.all(
      Array.from({ length: REQUESTS }, () => limiter.consume("api_key:memory", LIMIT)),
    );
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(LIMIT);
    const remaining = outcomes.filter((o) => o.allowed).map((o) => o.remaining);
    expect(Math.min(...remaining)).toBe(0);
    expect(Math.max(...remaining)).toBe(LIMIT - 1);
  });

  it("keeps a separate count per credential and follows a changed limit", async () => {
    const limiter = createCredentialLimiter({ kind: "memory" });
    for (let i = 0; i < 3; i++) expect((await limiter.consume("api_key:a", 3)).allowed).toBe(true);
    expect((await limiter.consume("api_key:a", 3)).allowed).toBe(false);
    expect((await limiter.consume("api_key:b", 3)).allowed).toBe(true);
    // raised to 10: the requests already counted still count
    const raised = await limiter.consume("api_key:a", 10);
    expect(raised).toMatchObject({ allowed: true, remaining: 5 });
  });

  it("counts on Redis with REDIS_URL, else PostgreSQL with DATABASE_URL, else in memory", () => {
    const expected = process.env.REDIS_URL
      ? "redis"
      : database.kind === "postgres"
        ? "postgres"
        : "memory";
    expect(credentialLimiter().store).toBe(expected);
  });
});
