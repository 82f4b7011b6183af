import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiKeys, apiKeySecrets, auditEvents } from "@/db/schema";
import { apiIds } from "@/lib/api-catalogue";
import { digestSecret } from "@/lib/secrets/prefixed";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople, createTeam, createUser } from "../helpers/factories";
import { actAs, onPage } from "../helpers/session";
import {
  createApiKey,
  expectFailure,
  keyFor,
  regenerateApiKey,
  revokeApiKey,
  seenSecretId,
  updateApiKey,
} from "./support";

const database = useTestDatabase();

const snapshot = async (orgId: string) => ({
  keys: await database.db.select().from(apiKeys).where(eq(apiKeys.orgId, orgId)),
  secrets: await database.db
    .select({ s: apiKeySecrets })
    .from(apiKeySecrets)
    .innerJoin(apiKeys, eq(apiKeys.id, apiKeySecrets.keyId))
    .where(eq(apiKeys.orgId, orgId)),
  events: await database.db.select().from(auditEvents).where(eq(auditEvents.orgId, orgId)),
});

const eventsOf = (orgId: string, event: string) =>
  database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.event, event)));

describe("creating a key", () => {
  it("returns the key once, stores only its digest and mask, and audits the creation", async () => {
    const { org, admin } = await createOrgWithPeople();
    const team = await createTeam(org);
    actAs(admin, org.id);
    const result = await createApiKey(
      null,
      onPage({ name: "CI", teamId: team.id, apis: ["data"] }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { key, id } = result.data;
    expect(key).toMatch(/^lk_live_[0-9A-Za-z]{49}$/);
    const [row] = await database.db.select().from(apiKeys).where(eq(apiKeys.id, id));
    expect(row).toMatchObject({ name: "CI", teamId: team.id, apis: ["data"], status: "active" });
    const [secret] = await database.db
      .select()
      .from(apiKeySecrets)
      .where(eq(apiKeySecrets.keyId, id));
    expect(secret).toMatchObject({
      digest: digestSecret(key),
      prefix: "lk_live_",
      last4: key.slice(-4),
    });
    const [event] = await eventsOf(org.id, "api_key.created");
    expect(event).toMatchObject({
      action: "create",
      teamId: team.id,
      targetId: id,
      actorId: admin.id,
    });
    expect(JSON.stringify(event)).not.toContain(key);
    expect(JSON.stringify(event)).not.toContain(digestSecret(key));
  });

  it("defaults the name, requires at least one API and refuses unknown APIs", async () => {
    const { org, member } = await createOrgWithPeople();
    actAs(member, org.id);
    const named = await createApiKey(null, onPage({ name: "  ", apis: ["push"] }));
    expect(named.ok && named.data.name).toBe("API key");
    const none = await createApiKey(null, onPage({ name: "x", apis: [] }));
    expectFailure(none, "invalid");
    expect(!none.ok && none.fieldErrors?.apis).toBeTruthy();
    expectFailure(await createApiKey(null, onPage({ name: "x", apis: ["nope"] })), "invalid");
  });

  it("refuses another organization's team", async () => {
    const { org, admin } = await createOrgWithPeople();
    const other = await createOrgWithPeople();
    const foreignTeam = await createTeam(other.org);
    actAs(admin, org.id);
    expectFailure(
      await createApiKey(null, onPage({ name: "x", teamId: foreignTeam.id, apis: ["data"] })),
      "not_found",
    );
    expect((await snapshot(org.id)).keys).toHaveLength(0);
  });
});

describe("authorization of every key action", () => {
  const actions = (keyId: string) => ({
    update: () => updateApiKey(null, onPage({ keyId, name: "Hijacked", apis: ["data"] })),
    // a key that does not exist shows no secret: any well-formed id stands in for one
    regenerate: async () =>
      regenerateApiKey(
        null,
        onPage({ keyId, secretId: await seenSecretId(keyId).catch(() => randomUUID()) }),
      ),
    revoke: () => revokeApiKey(null, onPage({ keyId })),
  });

  it("refuses signed-out callers", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id } = await keyFor(admin, org);
    const before = await snapshot(org.id);
    actAs(null);
    expectFailure(
      await createApiKey(null, onPage({ name: "x", apis: ["data"] })),
      "unauthenticated",
    );
    for (const run of Object.values(actions(id))) expectFailure(await run(), "unauthenticated");
    expect(await snapshot(org.id)).toEqual(before);
  });

  it("lets a member act only on keys they created", async () => {
    const { org, admin, member } = await createOrgWithPeople();
    const adminKey = await keyFor(admin, org);
    const before = await snapshot(org.id);
    actAs(member, org.id);
    for (const run of Object.values(actions(adminKey.id))) expectFailure(await run(), "not_found");
    expect(await snapshot(org.id)).toEqual(before);

    const own = await keyFor(member, org);
    actAs(member, org.id);
    expect((await actions(own.id).update()).ok).toBe(true);
    expect((await actions(own.id).regenerate()).ok).toBe(true);
    expect((await actions(own.id).revoke()).ok).toBe(true);
  });

  it("lets admins and owners manage every key of their organization", async () => {
    const { org, owner, admin, member } = await createOrgWithPeople();
    const memberKey = await keyFor(member, org);
    actAs(admin, org.id);
    expect((await actions(memberKey.id).update()).ok).toBe(true);
    actAs(owner, org.id);
    expect((await actions(memberKey.id).regenerate()).ok).toBe(true);
    expect((await actions(memberKey.id).revoke()).ok).toBe(true);
  });

  it("treats another organization's key as not found, changing nothing", async () => {
    const { org, admin } = await createOrgWithPeople();
    const other = await createOrgWithPeople();
    const { id } = await keyFor(admin, org);
    const before = await snapshot(org.id);
    for (const who of [other.owner, other.admin, other.member]) {
      actAs(who, other.org.id);
      for (const run of Object.values(actions(id))) expectFailure(await run(), "not_found");
      // a page and cookie naming the victim organization do not help: membership decides
      actAs(who, org.id);
      for (const run of Object.values(actions(id))) expectFailure(await run(), "conflict");
    }
    expect(await snapshot(org.id)).toEqual(before);
  });

  it("refuses every action on a free or pro plan with the Enterprise message", async () => {
    for (const plan of ["free", "pro"] as const) {
      const { org, owner } = await createOrgWithPeople({ plan });
      actAs(owner, org.id);
      const created = await createApiKey(null, onPage({ name: "x", apis: ["data"] }));
      expectFailure(created, "forbidden");
      expect(!created.ok && created.message).toMatch(
        /only available for Enterprise customers.*contact sales@example\.com/,
      );
      const id = "00000000-0000-4000-8000-000000000000";
      for (const run of Object.values(actions(id))) expectFailure(await run(), "forbidden");
      expect((await snapshot(org.id)).keys).toHaveLength(0);
    }
  });

  it("refuses acting on an archived key", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id } = await keyFor(admin, org);
    actAs(admin, org.id);
    expect((await revokeApiKey(null, onPage({ keyId: id }))).ok).toBe(true);
    for (const run of Object.values(actions(id))) expectFailure(await run(), "not_found");
  });

  it("rejects malformed ids as invalid input", async () => {
    const { org, admin } = await createOrgWithPeople();
    actAs(admin, org.id);
    expectFailure(
      await revokeApiKey(null, onPage({ keyId: "'; drop table api_keys; --" })),
      "invalid",
    );
  });
});

describe("editing a key", () => {
  it("writes one event per kind of change, saying what changed", async () => {
    const { org, admin } = await createOrgWithPeople();
    const team = await createTeam(org);
    const { id } = await keyFor(admin, org, { name: "Old" });
    actAs(admin, org.id);
    const result = await updateApiKey(
      null,
      onPage({
        keyId: id,
        name: "New",
        teamId: team.id,
        apis: ["data", "push", "reports"],
      }),
    );
    expect(result.ok).toBe(true);
    const [renamed] = await eventsOf(org.id, "api_key.renamed");
    expect(renamed).toMatchObject({ action: "update", teamId: team.id, targetName: "New" });
    expect(renamed!.changes).toEqual({ name: { from: "Old", to: "New" } });
    const [apis] = await eventsOf(org.id, "api_key.apis_changed");
    expect(apis!.changes).toEqual({
      apis: { added: [], removed: ["segmentation", "proposals"] },
    });
    const [teamChange] = await eventsOf(org.id, "api_key.team_changed");
    expect(teamChange!.changes).toEqual({
      team: { from: null, to: { id: team.id, name: team.name } },
    });
  });

  it("writes nothing when nothing changed", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id } = await keyFor(admin, org, { name: "Same" });
    actAs(admin, org.id);
    await updateApiKey(null, onPage({ keyId: id, name: "Same", apis: [...apiIds] }));
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.orgId, org.id));
    expect(events.map((e) => e.event)).toEqual(["api_key.created"]);
  });
});

describe("regenerating and revoking", () => {
  it("replaces the secret: the old one is revoked at once, the event names the key's team", async () => {
    const { org, admin } = await createOrgWithPeople();
    const team = await createTeam(org);
    const { id, key: oldKey } = await keyFor(admin, org, { teamId: team.id });
    actAs(admin, org.id);
    const result = await regenerateApiKey(
      null,
      onPage({ keyId: id, secretId: await seenSecretId(id) }),
    );
    expect(result.ok).toBe(true);
    const newKey = result.ok ? result.data.key : "";
    expect(newKey).not.toBe(oldKey);
    const secrets = await database.db
      .select()
      .from(apiKeySecrets)
      .where(eq(apiKeySecrets.keyId, id));
    const old = secrets.find((s) => s.digest === digestSecret(oldKey));
    const fresh = secrets.find((s) => s.digest === digestSecret(newKey));
    expect(old?.revokedAt).toBeInstanceOf(Date);
    expect(fresh?.revokedAt).toBeNull();
    const [event] = await eventsOf(org.id, "api_key.regenerated");
    expect(event).toMatchObject({ action: "update", teamId: team.id });
    expect(JSON.stringify(event)).not.toContain(newKey);
  });

  it("can keep the old secret alive for an overlap window instead", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id, key: oldKey } = await keyFor(admin, org);
    actAs(admin, org.id);
    await regenerateApiKey(
      null,
      onPage({ keyId: id, secretId: await seenSecretId(id), overlap: "1h" }),
    );
    const [old] = await database.db
      .select()
      .from(apiKeySecrets)
      .where(eq(apiKeySecrets.digest, digestSecret(oldKey)));
    expect(old?.revokedAt).toBeNull();
    const ms = old!.expiresAt!.getTime() - Date.now();
    expect(ms).toBeGreaterThan(59 * 60_000);
    expect(ms).toBeLessThanOrEqual(60 * 60_000 + 5000);
  });

  it("revoking archives the key, kills every secret and writes a Delete event", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id } = await keyFor(admin, org);
    actAs(admin, org.id);
    await regenerateApiKey(
      null,
      onPage({ keyId: id, secretId: await seenSecretId(id), overlap: "24h" }),
    );
    expect((await revokeApiKey(null, onPage({ keyId: id }))).ok).toBe(true);
    const [row] = await database.db.select().from(apiKeys).where(eq(apiKeys.id, id));
    expect(row?.status).toBe("archived");
    expect(row?.archivedAt).toBeInstanceOf(Date);
    const secrets = await database.db
      .select()
      .from(apiKeySecrets)
      .where(eq(apiKeySecrets.keyId, id));
    expect(secrets.every((s) => s.revokedAt)).toBe(true);
    const [event] = await eventsOf(org.id, "api_key.revoked");
    expect(event?.action).toBe("delete");
  });

  it("keeps only the 10 most recently archived keys; their audit events remain", async () => {
    const { org, admin } = await createOrgWithPeople();
    const ids: string[] = [];
    for (let i = 0; i < 11; i++) ids.push((await keyFor(admin, org, { name: `k${i}` })).id);
    actAs(admin, org.id);
    for (const id of ids) expect((await revokeApiKey(null, onPage({ keyId: id }))).ok).toBe(true);
    const archived = await database.db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.orgId, org.id), eq(apiKeys.status, "archived")));
    expect(archived).toHaveLength(10);
    expect(archived.map((k) => k.id)).not.toContain(ids[0]);
    expect(await eventsOf(org.id, "api_key.revoked")).toHaveLength(11);
  });

  it("keeps each organization's archive separately", async () => {
    const a = await createOrgWithPeople();
    const b = await createOrgWithPeople();
    const bKey = await keyFor(b.admin, b.org);
    actAs(b.admin, b.org.id);
    await revokeApiKey(null, onPage({ keyId: bKey.id }));
    for (let i = 0; i < 11; i++) {
      const { id } = await keyFor(a.admin, a.org);
      actAs(a.admin, a.org.id);
      await revokeApiKey(null, onPage({ keyId: id }));
    }
    const [kept] = await database.db.select().from(apiKeys).where(eq(apiKeys.id, bKey.id));
    expect(kept?.status).toBe("archived");
  });
});

describe("members without keys of their own", () => {
  it("a new member can create keys", async () => {
    const { org } = await createOrgWithPeople();
    const newcomer = await createUser({ org, role: "member" });
    const { key } = await keyFor(newcomer, org);
    expect(key).toMatch(/^lk_live_/);
  });
});
