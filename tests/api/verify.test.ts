import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { deleteMembership } from "@/db/queries/memberships";
import { setOrganizationPlan } from "@/db/queries/organizations";
import { apiKeys, apiKeySecrets } from "@/db/schema";
import { apiIds } from "@/lib/api-catalogue";
import { digestSecret, generateKey } from "@/lib/secrets/prefixed";
import { flushPendingUsage } from "@/lib/usage/record";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople } from "../helpers/factories";
import { actAs, onPage } from "../helpers/session";
import { call, keyFor, regenerateApiKey, revokeApiKey, seenSecretId } from "../keys/support";
import { machine } from "../helpers/machine";
import { ipHeaders } from "../helpers/client-ip";
import { countQueries } from "../helpers/count-queries";

const database = useTestDatabase();

afterEach(() => vi.restoreAllMocks());

describe("GET /api/v1/me", () => {
  it("describes the key's organization, user and APIs", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id, key } = await keyFor(admin, org, { name: "Reporter", apis: ["reports", "data"] });
    const res = await call(machine, "/api/v1/me", { key });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.body).toMatchObject({
      organization: { id: org.id, name: org.name, slug: org.slug },
      credential: { type: "api_key", id, name: "Reporter" },
      user: { id: admin.id, email: admin.email },
      client: null,
    });
    expect((res.body.apis as string[]).sort()).toEqual(["data", "reports"]);
  });

  it("accepts the key in X-API-Key too", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { key } = await keyFor(admin, org);
    const res = await call(machine, "/api/v1/me", { headers: { "x-api-key": key } });
    expect(res.status).toBe(200);
  });

  it("answers a request without credentials with a bare Bearer challenge", async () => {
    const res = await call(machine, "/api/v1/me");
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="latchkey"');
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it.each([
    ["a non-Bearer scheme", { authorization: "Basic dXNlcjpwYXNz" }],
    ["an empty Bearer", { authorization: "Bearer " }],
    ["a JWT (OAuth not plugged in yet)", { authorization: "Bearer aaa.bbb.ccc" }],
    ["random text", { authorization: "Bearer hello world" }],
    ["a huge token", { authorization: `Bearer ${"a".repeat(10_000)}` }],
  ])("refuses %s as invalid_token", async (_, headers) => {
    const res = await call(machine, "/api/v1/me", { headers });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("invalid_token");
    expect(res.headers.get("www-authenticate")).toMatch(
      /^Bearer realm="latchkey", error="invalid_token"/,
    );
  });
});

describe("a mistyped key", () => {
  it("is refused with no database query at all", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { key } = await keyFor(admin, org);
    const typo = key.slice(0, 20) + (key[20] === "a" ? "b" : "a") + key.slice(21);
    const spy = countQueries(database);
    const res = await call(machine, "/api/v1/me", { key: typo });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("invalid_token");
    expect(spy.count()).toBe(0);
    // the counter does see queries: the genuine key needs one lookup
    await call(machine, "/api/v1/me", { key });
    expect(spy.count()).toBeGreaterThan(0);
  });

  it("costs no query for any mutation of a valid key (property)", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { key } = await keyFor(admin, org);
    const spy = countQueries(database);
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.constantFrom(..."0aZ9_x".split("")), async (n, ch) => {
        const i = 3 + (n % (key.length - 3));
        fc.pre(key[i] !== ch);
        const res = await call(machine, "/api/v1/me", {
          key: key.slice(0, i) + ch + key.slice(i + 1),
        });
        expect(res.status).toBe(401);
      }),
      { numRuns: 200 },
    );
    expect(spy.count()).toBe(0);
  });

  it("a well-formed key that was never issued is refused after one lookup", async () => {
    const spy = countQueries(database);
    const res = await call(machine, "/api/v1/me", { key: generateKey() });
    expect(res.status).toBe(401);
    expect(spy.count()).toBe(1);
  });
});

describe("the verification pool", () => {
  it("answers while every connection of the general pool is held by a transaction", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { key } = await keyFor(admin, org);
    if (database.kind === "pglite") {
      // One embedded connection: there is no second pool to keep apart.
      expect(database.verifyDb).toBe(database.db);
      return;
    }
    const poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10);
    let released = 0;
    let started = 0;
    const holders = Array.from({ length: poolSize }, () =>
      database.db
        .transaction(async (tx) => {
          started++;
          await tx.execute(sql`select pg_sleep(3)`);
        })
        .then(() => released++),
    );
    await vi.waitFor(() => expect(started).toBe(poolSize));
    const res = await call(machine, "/api/v1/me", { key });
    expect(res.status).toBe(200);
    expect(released).toBe(0);
    await Promise.all(holders);
  });
});

describe("revocation, rotation and membership take effect at once", () => {
  it("a revoked key fails on the very next request", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id, key } = await keyFor(admin, org);
    expect((await call(machine, "/api/v1/me", { key })).status).toBe(200);
    actAs(admin, org.id);
    await revokeApiKey(null, onPage({ keyId: id }));
    expect((await call(machine, "/api/v1/me", { key })).status).toBe(401);
  });

  it("a regenerated key: the old secret fails, the new one works", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id, key } = await keyFor(admin, org);
    actAs(admin, org.id);
    const result = await regenerateApiKey(
      null,
      onPage({ keyId: id, secretId: await seenSecretId(id) }),
    );
    const fresh = result.ok ? result.data.key : "";
    expect((await call(machine, "/api/v1/me", { key })).status).toBe(401);
    expect((await call(machine, "/api/v1/me", { key: fresh })).status).toBe(200);
  });

  it("with an overlap, the old secret works until its expiry, then fails", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id, key } = await keyFor(admin, org);
    actAs(admin, org.id);
    await regenerateApiKey(
      null,
      onPage({ keyId: id, secretId: await seenSecretId(id), overlap: "7d" }),
    );
    expect((await call(machine, "/api/v1/me", { key })).status).toBe(200);
    await database.db
      .update(apiKeySecrets)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(apiKeySecrets.digest, digestSecret(key)));
    expect((await call(machine, "/api/v1/me", { key })).status).toBe(401);
  });

  it("a key whose creator left the organization is refused", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { key } = await keyFor(admin, org);
    await deleteMembership(database.db, org.id, admin.id);
    const res = await call(machine, "/api/v1/me", { key });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("invalid_token");
  });

  it("a key of an organization that left the Enterprise plan is refused", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { key } = await keyFor(admin, org);
    await setOrganizationPlan(database.db, org.id, "free");
    const res = await call(machine, "/api/v1/me", { key });
    expect(res.status).toBe(403);
    expect(res.body.error_description).toMatch(/Enterprise/);
  });
});

describe("API scopes", () => {
  it("a key with API set S reaches endpoint r iff r ∈ S (property)", async () => {
    const { org, admin } = await createOrgWithPeople();
    await fc.assert(
      fc.asyncProperty(
        fc.subarray([...apiIds], { minLength: 1 }),
        fc.constantFrom(...apiIds),
        async (apis, api) => {
          const { key } = await keyFor(admin, org, { apis });
          const res = await call(machine, `/api/v1/${api}`, { key });
          if (apis.includes(api)) {
            expect(res.status).toBe(200);
          } else {
            expect(res.status).toBe(403);
            expect(res.body).toMatchObject({ error: "insufficient_scope", scope: api });
            expect(res.headers.get("www-authenticate")).toContain(`scope="${api}"`);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("last used", () => {
  it("records time, IP and user agent, at most once a minute", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id, key } = await keyFor(admin, org);
    await call(machine, "/api/v1/me", {
      key,
      headers: { ...ipHeaders("198.51.100.4"), "user-agent": "curl/8" },
    });
    await vi.waitFor(async () => {
      const [row] = await database.db.select().from(apiKeys).where(eq(apiKeys.id, id));
      expect(row?.lastUsedAt).toBeInstanceOf(Date);
      expect(row).toMatchObject({ lastUsedIp: "198.51.100.4", lastUsedUserAgent: "curl/8" });
    });
    // The usage counts' periodic flush would be a query of its own if it fell in the window below.
    await flushPendingUsage();
    const spy = countQueries(database);
    await call(machine, "/api/v1/me", { key, headers: { "user-agent": "other" } });
    await new Promise((r) => setTimeout(r, 50));
    // only the verification lookup: no write within the minute
    expect(spy.count()).toBe(1);
    const [row] = await database.db.select().from(apiKeys).where(eq(apiKeys.id, id));
    expect(row?.lastUsedUserAgent).toBe("curl/8");
  });
});
