import { like } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { generateKey } from "@/lib/secrets/prefixed";
import { rateLimitBuckets } from "@/db/schema";
import { KEY_FAILURE_LIMIT, limitKeyFailures } from "@/lib/api/key-failures";
import { invalidToken } from "@/lib/api/responses";
import { ipHeaders } from "../helpers/client-ip";
import { countQueries } from "../helpers/count-queries";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople } from "../helpers/factories";
import { machine } from "../helpers/machine";
import { actAs, onPage } from "../helpers/session";
import { call, keyFor, revokeApiKey } from "../keys/support";

const database = useTestDatabase();

afterEach(() => vi.restoreAllMocks());

/** Presents `key` on /api/v1/me as a caller at `ip` would (undefined: no known address). */
const present = (key: string, ip?: string) =>
  call(machine, "/api/v1/me", { key, headers: ip ? ipHeaders(ip) : {} });

const counters = (ip = "%") =>
  database.db
    .select()
    .from(rateLimitBuckets)
    .where(like(rateLimitBuckets.key, `api-key-auth:ip:${ip}`));

/** Counters live in one-minute windows; a run straddling two would count in both. */
async function awayFromWindowEdge() {
  const intoWindow = Date.now() % 60_000;
  if (intoWindow > 45_000) await new Promise((r) => setTimeout(r, 60_000 - intoWindow + 100));
}

describe("failed API key verifications per address", () => {
  it("refuse an address over its budget with 429 and Retry-After; other addresses are untouched", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { key } = await keyFor(admin, org);
    const attacker = "198.51.100.20";
    await awayFromWindowEdge();
    for (let i = 0; i < KEY_FAILURE_LIMIT; i++) {
      expect((await present(generateKey(), attacker)).status).toBe(401);
    }
    const refused = await present(generateKey(), attacker);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get("ratelimit-limit")).toBe(String(KEY_FAILURE_LIMIT));
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect(refused.body).toMatchObject({ error: "rate_limited" });
    expect(refused.body.error_description).toMatch(/Too many failed attempts from this address/);
    // guessing stops: the right key from the failing address is refused too …
    expect((await present(key, attacker)).status).toBe(429);
    // … while the same key from anywhere else works, and another address still gets plain 401s
    expect((await present(key, "198.51.100.21")).status).toBe(200);
    expect((await present(generateKey(), "198.51.100.21")).status).toBe(401);
  });

  it("refuse a spent address from memory: no database query at all", async () => {
    const ip = "198.51.100.25";
    await awayFromWindowEdge();
    for (let i = 0; i <= KEY_FAILURE_LIMIT; i++) await present(generateKey(), ip);
    const queries = countQueries(database);
    for (let i = 0; i < 50; i++) expect((await present(generateKey(), ip)).status).toBe(429);
    expect(queries.count()).toBe(0);
    // the counter does see queries: another address's guess costs its lookup and its count
    await present(generateKey(), "198.51.100.26");
    expect(queries.count()).toBe(2);
  });

  it("count only failures: a working key never touches the budget", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { key } = await keyFor(admin, org);
    for (let i = 0; i < 3 * KEY_FAILURE_LIMIT; i++) {
      expect((await present(key, "198.51.100.30")).status).toBe(200);
    }
    expect(await counters("198.51.100.30")).toHaveLength(0);
  });

  it("count a revoked key as a failure, like a guess", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id, key } = await keyFor(admin, org);
    actAs(admin, org.id);
    expect((await revokeApiKey(null, onPage({ keyId: id }))).ok).toBe(true);
    for (let i = 0; i < 3; i++) expect((await present(key, "198.51.100.35")).status).toBe(401);
    const [row] = await counters("198.51.100.35");
    expect(row?.count).toBe(3);
  });

  it("count no more than the budget however many guesses arrive at once", async () => {
    const ip = "198.51.100.40";
    await awayFromWindowEdge();
    const statuses = await Promise.all(
      Array.from({ length: KEY_FAILURE_LIMIT + 40 }, () => present(generateKey(), ip)),
    ).then((replies) => replies.map((r) => r.status));
    expect(statuses.filter((s) => s === 401)).toHaveLength(KEY_FAILURE_LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40);
  });

  it("once an address keeps failing, look its keys up one at a time", async () => {
    const ip = "198.51.100.45";
    let inFlight = 0;
    let most = 0;
    // a verification that fails after a moment, like a lookup that finds nothing
    const guess = () =>
      limitKeyFailures(ip, async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight -= 1;
        return { ok: false, response: invalidToken() };
      });
    await awayFromWindowEdge();
    await Promise.all(Array.from({ length: 5 }, guess));
    expect(most).toBe(5);
    for (let i = 0; i < 5; i++) await guess();
    most = 0;
    const statuses = await Promise.all(Array.from({ length: 30 }, guess)).then((results) =>
      results.map((r) => (r.ok ? 200 : r.response.status)),
    );
    expect(most).toBe(1);
    expect(statuses).toEqual(Array(30).fill(401));
  });

  it("do not count keys refused without a lookup, nor callers without a known address", async () => {
    const before = (await counters()).length;
    const key = generateKey();
    // one character of the random part changed: the checksum no longer matches
    const malformed = key.slice(0, 10) + (key[10] === "a" ? "b" : "a") + key.slice(11);
    for (let i = 0; i < 5; i++) {
      expect((await present(malformed, "198.51.100.50")).status).toBe(401);
      expect((await present(generateKey())).status).toBe(401);
    }
    expect(await counters()).toHaveLength(before);
  });
});
