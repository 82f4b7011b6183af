import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiKeys, apiKeySecrets, auditEvents } from "@/db/schema";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople } from "../helpers/factories";
import { actAs, onPage } from "../helpers/session";
import { KEY_CHANGED_MESSAGE } from "@/lib/keys/regenerate";
import { databaseFingerprint } from "../helpers/org-actions";
import { call, keyFor, regenerateApiKey, revokeApiKey, seenSecretId } from "./support";
import { machine } from "../helpers/machine";

const database = useTestDatabase();

const liveSecrets = (keyId: string) =>
  database.db
    .select()
    .from(apiKeySecrets)
    .where(
      and(
        eq(apiKeySecrets.keyId, keyId),
        isNull(apiKeySecrets.revokedAt),
        or(isNull(apiKeySecrets.expiresAt), gt(apiKeySecrets.expiresAt, sql`now()`)),
      ),
    );

const events = (orgId: string, event: string) =>
  database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.event, event)));

describe("concurrent changes to one key", () => {
  it("50 simultaneous regenerates from one screen: one succeeds, 49 are told of the conflict", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id, key: old } = await keyFor(admin, org);
    actAs(admin, org.id);
    const secretId = await seenSecretId(id);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => regenerateApiKey(null, onPage({ keyId: id, secretId }))),
    );
    const successes = results.filter((r) => r.ok);
    expect(successes).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) {
      expect(r).toMatchObject({ ok: false, code: "conflict", message: KEY_CHANGED_MESSAGE });
    }
    expect(await liveSecrets(id)).toHaveLength(1);
    expect(await events(org.id, "api_key.regenerated")).toHaveLength(1);
    expect((await call(machine, "/api/v1/me", { key: old })).status).toBe(401);
    const [winner] = successes;
    expect(
      (await call(machine, "/api/v1/me", { key: winner!.ok ? winner!.data.key : "" })).status,
    ).toBe(200);
  });

  it("a regenerate from a stale screen changes nothing; after a reload it succeeds", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id } = await keyFor(admin, org);
    actAs(admin, org.id);
    const stale = await seenSecretId(id);
    const first = await regenerateApiKey(
      null,
      onPage({ keyId: id, secretId: stale, overlap: "1h" }),
    );
    expect(first.ok).toBe(true);
    const before = await databaseFingerprint();
    const again = await regenerateApiKey(null, onPage({ keyId: id, secretId: stale }));
    expect(again).toMatchObject({ ok: false, code: "conflict", message: KEY_CHANGED_MESSAGE });
    expect(await databaseFingerprint()).toEqual(before);
    // the reloaded screen shows the new secret as current, though the old one is still live
    const reloaded = await seenSecretId(id);
    expect(reloaded).not.toBe(stale);
    const retried = await regenerateApiKey(null, onPage({ keyId: id, secretId: reloaded }));
    expect(retried.ok).toBe(true);
    expect(await liveSecrets(id)).toHaveLength(1);
    expect(await events(org.id, "api_key.regenerated")).toHaveLength(2);
  });

  it("refuses a regenerate without the secret the screen showed", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id } = await keyFor(admin, org);
    actAs(admin, org.id);
    const before = await databaseFingerprint();
    for (const secretId of [undefined, "", "not-a-uuid"]) {
      const result = await regenerateApiKey(null, onPage({ keyId: id, secretId }));
      expect(result).toMatchObject({ ok: false, code: "invalid" });
    }
    expect(await databaseFingerprint()).toEqual(before);
  });

  it("regenerate racing revoke ends in a state a serial order explains", async () => {
    for (let round = 0; round < 5; round++) {
      const { org, admin } = await createOrgWithPeople();
      const { id } = await keyFor(admin, org);
      actAs(admin, org.id);
      const secretId = await seenSecretId(id);
      const [regen, revoke] = await Promise.all([
        regenerateApiKey(null, onPage({ keyId: id, secretId })),
        revokeApiKey(null, onPage({ keyId: id })),
      ]);
      const [key] = await database.db.select().from(apiKeys).where(eq(apiKeys.id, id));
      // revoke always wins eventually: either it ran last, or it ran first and regenerate refused
      expect(revoke.ok).toBe(true);
      expect(key?.status).toBe("archived");
      expect(await liveSecrets(id)).toHaveLength(0);
      const regenerated = await events(org.id, "api_key.regenerated");
      expect(regenerated).toHaveLength(regen.ok ? 1 : 0);
      if (regen.ok) {
        expect((await call(machine, "/api/v1/me", { key: regen.data.key })).status).toBe(401);
        // serial order regenerate → revoke: the regenerate event precedes the revoke event
        const [revoked] = await events(org.id, "api_key.revoked");
        expect(regenerated[0]!.id).toBeLessThan(revoked!.id);
      } else {
        expect(regen.code).toBe("not_found");
      }
    }
  });
});
