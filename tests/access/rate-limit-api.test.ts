import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createOAuthClient, updateOAuthClient } from "@/app/(app)/admin/api-management/actions";
import { GET as me } from "@/machine/v1/me/route";
import { auditEvents } from "@/db/schema";
import { countQueries } from "../helpers/count-queries";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople } from "../helpers/factories";
import { actAs, onPage } from "../helpers/session";
import { call, createApiKey, keyFor, updateApiKey } from "../keys/support";
import { basic, form, post } from "../oauth/helpers";

const database = useTestDatabase();
afterEach(() => vi.restoreAllMocks());

const POLICY = /^"per-minute";q=(\d+);w=60$/;
const STATE = /^"per-minute";r=(\d+);t=(\d+)$/;

function limitHeaders(headers: Headers) {
  const policy = POLICY.exec(headers.get("ratelimit-policy") ?? "");
  const state = STATE.exec(headers.get("ratelimit") ?? "");
  return {
    quota: policy ? Number(policy[1]) : null,
    remaining: state ? Number(state[1]) : null,
    reset: state ? Number(state[2]) : null,
  };
}

describe("an API key with a rate limit", () => {
  it("answers within the limit with RateLimit-Policy and RateLimit, then 429 with Retry-After", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { key } = await keyFor(admin, org, { rateLimitPerMinute: "3" } as never);
    for (const remaining of [2, 1, 0]) {
      const ok = await call(me, "/api/v1/me", { key });
      expect(ok.status).toBe(200);
      const h = limitHeaders(ok.headers);
      expect(h).toMatchObject({ quota: 3, remaining });
      expect(h.reset).toBeGreaterThanOrEqual(1);
      expect(h.reset).toBeLessThanOrEqual(60);
    }
    const limited = await call(me, "/api/v1/me", { key });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("cache-control")).toBe("no-store");
    expect(limited.body.error).toBe("rate_limited");
    expect(limited.body.error_description).toContain("limited to 3 requests per minute");
    const h = limitHeaders(limited.headers);
    expect(h).toMatchObject({ quota: 3, remaining: 0 });
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Retry-After never points before the end of the window RateLimit announces.
    expect(retryAfter).toBeGreaterThanOrEqual(h.reset!);
  });

  it("without a limit, carries no rate-limit headers and costs the one lookup only", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { key } = await keyFor(admin, org);
    await call(me, "/api/v1/me", { key }); // the first use also records last-used
    const spy = countQueries(database);
    const res = await call(me, "/api/v1/me", { key });
    expect(res.status).toBe(200);
    expect(res.headers.get("ratelimit")).toBeNull();
    expect(res.headers.get("ratelimit-policy")).toBeNull();
    expect(spy.count()).toBe(1);
  });

  it("with a limit, counts in the store of this deployment, leasing points to spare round trips", async () => {
    const { org, admin } = await createOrgWithPeople();
    // 1,000 a minute: points are leased 10 at a time.
    const { key } = await keyFor(admin, org, { rateLimitPerMinute: 1000 } as never);
    await call(me, "/api/v1/me", { key }); // takes the first lease and records last-used
    const spy = countQueries(database);
    for (let i = 0; i < 10; i++) expect((await call(me, "/api/v1/me", { key })).status).toBe(200);
    // ten lookups, plus one lease on the PostgreSQL store for the 11th request overall;
    // in memory (PGlite) or on Redis, no statement besides the lookups
    const countsInPostgres = database.kind === "postgres" && !process.env.REDIS_URL;
    expect(spy.count()).toBe(countsInPostgres ? 11 : 10);
  });

  it("is refused in the form when not a whole number from 1 to 1,000,000", async () => {
    const { org, admin } = await createOrgWithPeople();
    actAs(admin, org.id);
    for (const bad of ["0", "-5", "2.5", "lots", "1000001"]) {
      const result = await createApiKey(
        null,
        onPage({ name: "Bad limit", apis: ["data"], rateLimitPerMinute: bad }),
      );
      expect(result.ok, bad).toBe(false);
      if (!result.ok) {
        expect(result.fieldErrors?.rateLimitPerMinute?.[0]).toContain("whole number");
      }
    }
  });

  it("is set and removed in Edit, applying to the next request, audited with before and after", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id, key } = await keyFor(admin, org, { name: "Metered" });
    actAs(admin, org.id);
    const edit = (rateLimitPerMinute: string) =>
      updateApiKey(
        null,
        onPage({ keyId: id, name: "Metered", teamId: null, apis: ["data"], rateLimitPerMinute }),
      );
    expect((await edit("1")).ok).toBe(true);
    expect((await call(me, "/api/v1/me", { key })).status).toBe(200);
    expect((await call(me, "/api/v1/me", { key })).status).toBe(429);
    expect((await edit("")).ok).toBe(true);
    expect((await call(me, "/api/v1/me", { key })).status).toBe(200);
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, id), eq(auditEvents.event, "api_key.rate_limit_changed")))
      .orderBy(auditEvents.seq);
    expect(events.map((e) => e.changes)).toEqual([
      { rateLimitPerMinute: { from: null, to: 1 } },
      { rateLimitPerMinute: { from: 1, to: null } },
    ]);
  });
});

describe("an OAuth client with a rate limit", () => {
  it("shares one budget between the token endpoint and the API calls made with its tokens", async () => {
    const { org, admin } = await createOrgWithPeople();
    actAs(admin, org.id);
    const created = await createOAuthClient(
      null,
      onPage({ name: "Metered client", apis: ["data"], rateLimitPerMinute: "3" }),
    );
    if (!created.ok) throw new Error(created.message);
    const c = created.data;
    const token = () =>
      post("/api/oauth/token", form({ grant_type: "client_credentials" }), {
        authorization: basic(c.clientId, c.clientSecret),
      });
    const first = await token();
    expect(first.status).toBe(200);
    expect(limitHeaders(first.headers)).toMatchObject({ quota: 3, remaining: 2 });
    const { access_token: accessToken } = (await first.json()) as { access_token: string };
    expect((await call(me, "/api/v1/me", { key: accessToken })).status).toBe(200);
    expect((await call(me, "/api/v1/me", { key: accessToken })).status).toBe(200);

    const limitedApi = await call(me, "/api/v1/me", { key: accessToken });
    expect(limitedApi.status).toBe(429);
    expect(limitedApi.body.error_description).toContain("OAuth client is limited to 3 requests");
    const limitedToken = await token();
    expect(limitedToken.status).toBe(429);
    expect(limitedToken.headers.get("cache-control")).toBe("no-store");
    expect(limitedToken.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(limitHeaders(limitedToken.headers)).toMatchObject({ quota: 3, remaining: 0 });
    expect(((await limitedToken.json()) as { error: string }).error).toBe("rate_limited");

    // Edit client lifts the limit for the very next request.
    expect((await updateOAuthClient(null, onPage({ id: c.id, rateLimitPerMinute: null }))).ok).toBe(
      true,
    );
    expect((await token()).status).toBe(200);
  });
});
