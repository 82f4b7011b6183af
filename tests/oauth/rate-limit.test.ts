import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { consume, peek } from "@/lib/rate-limit";
import { CLIENT_FAILURE_LIMIT } from "@/lib/oauth/client-auth";
import { rateLimitBuckets } from "@/db/schema";
// Aliased: a vitest fixture, not a React hook, whatever its name says to the hooks lint rule.
import { useTestDatabase as setUpTestDatabase } from "../helpers/db";
import { createOrgWithPeople } from "../helpers/factories";
import { basic, createClient, form, post } from "./helpers";

const database = setUpTestDatabase();
const grant = form({ grant_type: "client_credentials" });

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

describe("failed client authentication is rate limited", () => {
  it("answers 429 with Retry-After and RateLimit headers after N failures, for the right secret too", async () => {
    const c = await enterpriseClient();
    const other = await enterpriseClient();
    const wrong = { authorization: basic(c.clientId, other.secret) };
    await awayFromWindowEdge();
    for (let i = 0; i < CLIENT_FAILURE_LIMIT; i++) {
      const response = await post("/api/oauth/token", grant, {
        ...wrong,
        "x-forwarded-for": `192.0.2.${i + 1}`,
      });
      expect(response.status, await response.clone().text()).toBe(401);
    }
    const limited = await post("/api/oauth/token", grant, {
      ...wrong,
      "x-forwarded-for": "192.0.2.100",
    });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers.get("ratelimit-limit")).toBe(String(CLIENT_FAILURE_LIMIT));
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    expect(limited.headers.get("ratelimit-reset")).toBe(String(retryAfter));
    // While limited, even the right secret is refused, so guessing learns nothing.
    const right = await post("/api/oauth/token", grant, {
      authorization: basic(c.clientId, c.secret),
      "x-forwarded-for": "192.0.2.101",
    });
    expect(right.status).toBe(429);
  });

  it("does not affect another client", async () => {
    const victim = await enterpriseClient();
    const bystander = await enterpriseClient();
    await awayFromWindowEdge();
    for (let i = 0; i <= CLIENT_FAILURE_LIMIT; i++) {
      await post("/api/oauth/token", grant, {
        authorization: basic(victim.clientId, bystander.secret),
        "x-forwarded-for": `198.51.100.${i + 1}`,
      });
    }
    const response = await post("/api/oauth/token", grant, {
      authorization: basic(bystander.clientId, bystander.secret),
      "x-forwarded-for": "198.51.100.200",
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
        { "x-forwarded-for": "203.0.113.50" },
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
    ] as const) {
      const response = await post("/api/oauth/token", grant, {
        authorization: basic(id, secret),
        "x-forwarded-for": "192.0.2.88",
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
        "x-forwarded-for": "192.0.2.77",
      });
      expect(response.status).toBe(200);
    }
    expect(await database.db.select().from(rateLimitBuckets)).toHaveLength(0);
  });
});
