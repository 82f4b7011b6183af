import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { consume, peek } from "@/lib/rate-limit";
import { CoalescedCounter } from "@/lib/rate-limit/coalesced";
import { CLIENT_FAILURE_LIMIT } from "@/lib/oauth/client-auth";
import { rateLimitBuckets } from "@/db/schema";
import { flushPendingUsage } from "@/lib/usage/record";
// Aliased: a vitest fixture, not a React hook, whatever its name says to the hooks lint rule.
import { useTestDatabase as setUpTestDatabase } from "../helpers/db";
import { createOrgWithPeople } from "../helpers/factories";
import { ipHeaders } from "../helpers/client-ip";
import { countQueries } from "../helpers/count-queries";
import { basic, createClient, form, post } from "./helpers";

const database = setUpTestDatabase();
const grant = form({ grant_type: "client_credentials" });

afterEach(() => vi.restoreAllMocks());

/** Counters live in one-minute windows; a run straddling two would count in both. */
async function awayFromWindowEdge() {
  const intoWindow = Date.now() % 60_000;
  if (intoWindow > 50_000) await new Promise((r) => setTimeout(r, 60_000 - intoWindow + 100));
}

async function enterpriseClient() {
  const { org, admin } = await createOrgWithPeople();
  return createClient(org, admin);
}

describe("rate-limit module", () => {
  it("counts hits atomically per key and window", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => consume("k:a", 5, 60)));
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    const [state] = await peek([{ key: "k:a", limit: 5 }], 60);
    expect(state).toMatchObject({ count: 20, limited: true, remaining: 0 });
    const [other] = await peek([{ key: "k:b", limit: 5 }], 60);
    expect(other).toMatchObject({ count: 0, limited: false, remaining: 5 });
  });
});

describe("coalesced counting", () => {
  it("counts a burst with one write in flight, each hit in its own place", async () => {
    const counter = new CoalescedCounter(5, 60);
    const queries = countQueries(database);
    const first = await Promise.all(Array.from({ length: 30 }, () => counter.hit("k:burst")));
    expect(first.map((s) => s.count).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    expect(first.filter((s) => !s.limited)).toHaveLength(4);
    // all thirty arrived together: one statement counted them
    expect(queries.count()).toBe(1);
    // hits arriving while a write is in flight are counted by the next one, in order
    const [a, b, c] = [counter.hit("k:burst"), counter.hit("k:burst"), counter.hit("k:burst")];
    const later = await Promise.all([a, b, c, counter.hit("k:other")]);
    expect(later.map((s) => s.count)).toEqual([31, 32, 33, 1]);
    const [state] = await peek([{ key: "k:burst", limit: 5 }], 60);
    expect(state?.count).toBe(33);
  });
});

describe("failed client authentication is rate limited", () => {
  it("a flood of wrong secrets from one IP gets 429 with Retry-After and RateLimit headers, the right secret from that IP too", async () => {
    const c = await enterpriseClient();
    const other = await enterpriseClient();
    const wrong = { authorization: basic(c.clientId, other.secret), ...ipHeaders("192.0.2.1") };
    await awayFromWindowEdge();
    for (let i = 0; i < CLIENT_FAILURE_LIMIT; i++) {
      const response = await post("/api/oauth/token", grant, wrong);
      expect(response.status, await response.clone().text()).toBe(401);
    }
    const limited = await post("/api/oauth/token", grant, wrong);
    expect(limited.status).toBe(429);
    expect((await limited.json()).error).toBe("rate_limited");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers.get("ratelimit-limit")).toBe(String(CLIENT_FAILURE_LIMIT));
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    expect(limited.headers.get("ratelimit-reset")).toBe(String(retryAfter));
    // While limited, even the right secret from that caller is refused, so guessing learns nothing.
    const right = await post("/api/oauth/token", grant, {
      authorization: basic(c.clientId, c.secret),
      ...ipHeaders("192.0.2.1"),
    });
    expect(right.status).toBe(429);
  });

  it("once a caller's budget is spent, its flood is refused from memory without a query", async () => {
    const c = await enterpriseClient();
    const other = await enterpriseClient();
    const wrong = { authorization: basic(c.clientId, other.secret), ...ipHeaders("192.0.2.9") };
    await awayFromWindowEdge();
    for (let i = 0; i < CLIENT_FAILURE_LIMIT; i++) {
      expect((await post("/api/oauth/token", grant, wrong)).status).toBe(401);
    }
    // the usage counts' periodic flush would be a query of its own if it fell in the loop below
    await flushPendingUsage();
    const queries = countQueries(database);
    for (let i = 0; i < 30; i++) {
      const limited = await post("/api/oauth/token", grant, wrong);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    expect(queries.count()).toBe(0);
    // the same client from elsewhere still authenticates
    const right = await post("/api/oauth/token", grant, {
      authorization: basic(c.clientId, c.secret),
      ...ipHeaders("192.0.2.10"),
    });
    expect(right.status).toBe(200);
  });

  it("an attacker's flood of wrong secrets from one IP does not lock the real client out from another IP", async () => {
    const c = await enterpriseClient();
    const other = await enterpriseClient();
    await awayFromWindowEdge();
    const flood = await Promise.all(
      Array.from({ length: CLIENT_FAILURE_LIMIT * 3 }, () =>
        post("/api/oauth/token", grant, {
          authorization: basic(c.clientId, other.secret),
          ...ipHeaders("198.18.0.66"),
        }).then((r) => r.status),
      ),
    );
    expect(flood.filter((s) => s === 429).length).toBeGreaterThanOrEqual(CLIENT_FAILURE_LIMIT);
    const legitimate = await post("/api/oauth/token", grant, {
      authorization: basic(c.clientId, c.secret),
      ...ipHeaders("192.0.2.200"),
    });
    expect(legitimate.status, await legitimate.clone().text()).toBe(200);
  });

  it("wrong secrets for a client spread over many IPs do not lock the real client out", async () => {
    const c = await enterpriseClient();
    const other = await enterpriseClient();
    await awayFromWindowEdge();
    for (let i = 0; i < CLIENT_FAILURE_LIMIT * 2; i++) {
      const response = await post("/api/oauth/token", grant, {
        authorization: basic(c.clientId, other.secret),
        ...ipHeaders(`198.18.1.${i + 1}`),
      });
      expect(response.status).toBe(401);
    }
    const legitimate = await post("/api/oauth/token", grant, {
      authorization: basic(c.clientId, c.secret),
      ...ipHeaders("192.0.2.201"),
    });
    expect(legitimate.status).toBe(200);
  });

  it("spelling the client id in another case or with spaces does not buy a fresh budget", async () => {
    const c = await enterpriseClient();
    const other = await enterpriseClient();
    await awayFromWindowEdge();
    const spellings = [c.clientId.toUpperCase(), ` ${c.clientId} `, c.clientId];
    for (let i = 0; i < CLIENT_FAILURE_LIMIT; i++) {
      const response = await post(
        "/api/oauth/token",
        form({
          grant_type: "client_credentials",
          client_id: spellings[i % spellings.length]!,
          client_secret: other.secret,
        }),
        ipHeaders("192.0.2.44"),
      );
      expect(response.status).toBe(401);
    }
    const limited = await post(
      "/api/oauth/token",
      form({
        grant_type: "client_credentials",
        client_id: c.clientId.toUpperCase(),
        client_secret: other.secret,
      }),
      ipHeaders("192.0.2.44"),
    );
    expect(limited.status).toBe(429);
  });

  it("does not affect another client", async () => {
    const victim = await enterpriseClient();
    const bystander = await enterpriseClient();
    await awayFromWindowEdge();
    for (let i = 0; i <= CLIENT_FAILURE_LIMIT; i++) {
      await post("/api/oauth/token", grant, {
        authorization: basic(victim.clientId, bystander.secret),
        ...ipHeaders(`198.51.100.${i + 1}`),
      });
    }
    const response = await post("/api/oauth/token", grant, {
      authorization: basic(bystander.clientId, bystander.secret),
      ...ipHeaders("198.51.100.200"),
    });
    expect(response.status).toBe(200);
  });

  it("limits guessing from one IP across many client ids", async () => {
    const c = await enterpriseClient();
    await awayFromWindowEdge();
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      const response = await post(
        "/api/oauth/token",
        form({
          grant_type: "client_credentials",
          client_id: crypto.randomUUID(),
          client_secret: c.secret,
        }),
        ipHeaders("203.0.113.50"),
      );
      statuses.push(response.status);
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(50);
  });

  it("a malformed secret or client id is refused without touching the counters", async () => {
    const c = await enterpriseClient();
    await database.db.execute(sql`delete from rate_limit_buckets`);
    const tampered = `${c.secret.slice(0, 10)}${c.secret[10] === "A" ? "B" : "A"}${c.secret.slice(11)}`;
    for (const [id, secret] of [
      [c.clientId, tampered],
      [c.clientId, "lkcs_short"],
      ["not-a-uuid", c.secret],
      [`${c.clientId}${"0".repeat(10_000)}`, c.secret],
    ] as const) {
      const response = await post("/api/oauth/token", grant, {
        authorization: basic(id, secret),
        ...ipHeaders("192.0.2.88"),
      });
      expect(response.status).toBe(401);
      expect((await response.json()).error).toBe("invalid_client");
    }
    expect(await database.db.select().from(rateLimitBuckets)).toHaveLength(0);
  });

  it("successful authentications write no counter", async () => {
    const c = await enterpriseClient();
    await database.db.execute(sql`delete from rate_limit_buckets`);
    for (let i = 0; i < 5; i++) {
      const response = await post("/api/oauth/token", grant, {
        authorization: basic(c.clientId, c.secret),
        ...ipHeaders("192.0.2.77"),
      });
      expect(response.status).toBe(200);
    }
    expect(await database.db.select().from(rateLimitBuckets)).toHaveLength(0);
  });
});
