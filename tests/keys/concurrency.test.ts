import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiKeys, apiKeySecrets, auditEvents } from "@/db/schema";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople } from "../helpers/factories";
import { actAs, onPage } from "../helpers/session";
import { call, keyFor, regenerateApiKey, revokeApiKey } from "./support";
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
  it("50 simultaneous regenerates leave one live secret and one event per success", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id } = await keyFor(admin, org);
    actAs(admin, org.id);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => regenerateApiKey(null, onPage({ keyId: id }))),
    );
    const successes = results.filter((r) => r.ok);
    expect(successes.length).toBeGreaterThan(0);
    const live = await liveSecrets(id);
    expect(live).toHaveLength(1);
    expect(await events(org.id, "api_key.regenerated")).toHaveLength(successes.length);
    // the surviving secret is the one handed to the last successful caller
    const working = [];
    for (const r of successes) {
      if (r.ok && (await call(machine, "/api/v1/me", { key: r.data.key })).status === 200) {
        working.push(r.data.key);
      }
    }
    expect(working).toHaveLength(1);
  });

  it("regenerate racing revoke ends in a state a serial order explains", async () => {
    for (let round = 0; round < 5; round++) {
      const { org, admin } = await createOrgWithPeople();
      const { id } = await keyFor(admin, org);
      actAs(admin, org.id);
      const [regen, revoke] = await Promise.all([
        regenerateApiKey(null, onPage({ keyId: id })),
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
