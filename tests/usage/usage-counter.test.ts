import { and, eq, isNotNull } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createDb } from "@/db/client";
import { addUsageCounts } from "@/db/queries/usage";
import { apiKeySecrets, apiKeys, usageDaily } from "@/db/schema";
import { loadUsage } from "@/lib/usage/load";
import {
  FLUSH_INTERVAL_MS,
  flushPendingUsage,
  pendingUsage,
  recordUsage,
  resetPendingUsage,
  utcDay,
} from "@/lib/usage/record";
import { useTestDatabase } from "../helpers/db";
import { machine } from "../helpers/machine";
import { createOrgWithPeople } from "../helpers/factories";
import { call, keyFor, regenerateApiKey, revokeApiKey, seenSecretId } from "../keys/support";
import { actAs, onPage } from "../helpers/session";
import { generateKey } from "@/lib/secrets/prefixed";

const database = useTestDatabase();

beforeEach(() => resetPendingUsage());
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const DAY = 86_400_000;
const dayOffset = (n: number) => utcDay(Date.now() - n * DAY);

async function storedCounts(credentialId: string) {
  const rows = await database.db
    .select({ day: usageDaily.day, outcome: usageDaily.outcome, count: usageDaily.count })
    .from(usageDaily)
    .where(eq(usageDaily.credentialId, credentialId));
  return Object.fromEntries(rows.map((r) => [`${r.day} ${r.outcome}`, r.count]));
}

describe("counting requests per key", () => {
  it("counts in memory on the request path and writes only when flushed, adding up", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id, key } = await keyFor(admin, org, { apis: ["reports"] });
    const today = utcDay(Date.now());

    for (let i = 0; i < 3; i++)
      expect((await call(machine, "/api/v1/me", { key })).status).toBe(200);
    expect((await call(machine, "/api/v1/data", { key })).status).toBe(403);
    // Nothing reached the database yet: the counts wait in memory for the flush.
    expect(await storedCounts(id)).toEqual({});
    expect(pendingUsage()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ day: today, outcome: "succeeded", count: 3 }),
        expect.objectContaining({ day: today, outcome: "insufficient_scope", count: 1 }),
      ]),
    );

    expect(await flushPendingUsage()).toBe(4);
    expect(await storedCounts(id)).toEqual({
      [`${today} succeeded`]: 3,
      [`${today} insufficient_scope`]: 1,
    });
    expect(pendingUsage()).toEqual([]);

    await call(machine, "/api/v1/me", { key });
    await call(machine, "/api/v1/me", { key });
    await flushPendingUsage();
    expect(await storedCounts(id)).toEqual({
      [`${today} succeeded`]: 5,
      [`${today} insufficient_scope`]: 1,
    });
  });

  it("flushes by itself a few seconds after the first count, not before", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { org, admin } = await createOrgWithPeople();
    const { id } = await keyFor(admin, org);
    recordUsage({ kind: "api_key", orgId: org.id, credentialId: id }, "succeeded");
    recordUsage({ kind: "api_key", orgId: org.id, credentialId: id }, "succeeded");
    vi.advanceTimersByTime(FLUSH_INTERVAL_MS - 1);
    expect(pendingUsage()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    vi.useRealTimers();
    await vi.waitFor(async () => {
      expect(await storedCounts(id)).toEqual({ [`${utcDay(Date.now())} succeeded`]: 2 });
    });
  });

  it("counts refusals it can pin on a key (revoked, expired), none for unknown keys", async () => {
    const { org, admin } = await createOrgWithPeople();
    const today = utcDay(Date.now());

    const revoked = await keyFor(admin, org);
    actAs(admin, org.id);
    expect((await revokeApiKey(null, onPage({ keyId: revoked.id }))).ok).toBe(true);
    expect((await call(machine, "/api/v1/me", { key: revoked.key })).status).toBe(401);

    // The previous secret of an overlap rotation, once its overlap has ended by the clock.
    const rolled = await keyFor(admin, org);
    actAs(admin, org.id);
    const regenerated = await regenerateApiKey(
      null,
      onPage({ keyId: rolled.id, secretId: await seenSecretId(rolled.id), overlap: "1h" }),
    );
    expect(regenerated.ok).toBe(true);
    await database.db
      .update(apiKeySecrets)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(and(eq(apiKeySecrets.keyId, rolled.id), isNotNull(apiKeySecrets.expiresAt)));
    expect((await call(machine, "/api/v1/me", { key: rolled.key })).status).toBe(401);

    // A key past its expiry date, before the sweep has archived it.
    const lapsed = await keyFor(admin, org);
    await database.db
      .update(apiKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiKeys.id, lapsed.id));
    expect((await call(machine, "/api/v1/me", { key: lapsed.key })).status).toBe(401);

    expect((await call(machine, "/api/v1/me", { key: generateKey() })).status).toBe(401);
    expect(pendingUsage().map((p) => [p.credential.credentialId, p.outcome])).toEqual([
      [revoked.id, "revoked"],
      [rolled.id, "expired"],
      [lapsed.id, "expired"],
    ]);
    await flushPendingUsage();
    expect(await storedCounts(revoked.id)).toEqual({ [`${today} revoked`]: 1 });
    expect(await storedCounts(rolled.id)).toEqual({ [`${today} expired`]: 1 });
    expect(await storedCounts(lapsed.id)).toEqual({ [`${today} expired`]: 1 });
  });

  it("keeps the counts of a failed flush for the next one", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id, key } = await keyFor(admin, org);
    await call(machine, "/api/v1/me", { key });
    // A database without the table: the write fails.
    const broken = createDb({ dataDir: "memory://" });
    try {
      await expect(flushPendingUsage(broken.db)).rejects.toThrow();
    } finally {
      await broken.close();
    }
    await call(machine, "/api/v1/me", { key });
    expect(pendingUsage()).toEqual([expect.objectContaining({ outcome: "succeeded", count: 2 })]);
    await flushPendingUsage();
    expect(await storedCounts(id)).toEqual({ [`${utcDay(Date.now())} succeeded`]: 2 });
  });

  it("concurrent flushes of the same counter (two instances) both land", async () => {
    const { org } = await createOrgWithPeople();
    const credentialId = crypto.randomUUID();
    const row = (count: number) => ({
      credentialId,
      credentialType: "api_key",
      orgId: org.id,
      day: utcDay(Date.now()),
      outcome: "succeeded",
      count,
    });
    await Promise.all([
      addUsageCounts([row(3)]),
      addUsageCounts([row(4)]),
      addUsageCounts([row(5)]),
    ]);
    expect(await storedCounts(credentialId)).toEqual({
      [`${utcDay(Date.now())} succeeded`]: 12,
    });
  });
});

describe("the last 30 days of one credential", () => {
  it("fills every day, oldest first, with succeeded and each refusal reason", async () => {
    const { org } = await createOrgWithPeople();
    const other = await createOrgWithPeople();
    const credentialId = crypto.randomUUID();
    const base = { credentialId, credentialType: "api_key", orgId: org.id };
    await addUsageCounts([
      { ...base, day: dayOffset(0), outcome: "succeeded", count: 7 },
      { ...base, day: dayOffset(0), outcome: "revoked", count: 2 },
      { ...base, day: dayOffset(29), outcome: "succeeded", count: 4 },
      { ...base, day: dayOffset(29), outcome: "rate_limited", count: 1 },
      // the day before the period: not shown
      { ...base, day: dayOffset(30), outcome: "succeeded", count: 100 },
      // another credential of the same organization
      {
        ...base,
        credentialId: crypto.randomUUID(),
        day: dayOffset(0),
        outcome: "succeeded",
        count: 50,
      },
    ]);

    const usage = await loadUsage(org.id, credentialId);
    expect(usage.days).toHaveLength(30);
    expect(usage.days[0]?.day).toBe(dayOffset(29));
    expect(usage.days[29]?.day).toBe(dayOffset(0));
    expect(usage.days[29]).toMatchObject({ succeeded: 7, revoked: 2, refused: 2, total: 9 });
    expect(usage.days[0]).toMatchObject({ succeeded: 4, rate_limited: 1, refused: 1, total: 5 });
    expect(usage.days.slice(1, 29).every((d) => d.total === 0)).toBe(true);
    expect(usage.reasons).toEqual(["revoked", "rate_limited"]);
    expect(usage.totals).toEqual({ succeeded: 11, refused: 3 });

    // Scoped by organization: another organization asking for this id sees nothing.
    const foreign = await loadUsage(other.org.id, credentialId);
    expect(foreign.totals).toEqual({ succeeded: 0, refused: 0 });
  });
});
