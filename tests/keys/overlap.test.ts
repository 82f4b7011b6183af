import fc from "fast-check";
import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { endKeyOverlap } from "@/app/(app)/settings/integrations/actions";
import { setOrganizationPlan } from "@/db/queries/organizations";
import { apiKeys, apiKeySecrets, auditEvents } from "@/db/schema";
import { importLegacyKeys } from "@/lib/keys/legacy-import";
import { overlapIds } from "@/lib/keys/lifecycle";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople } from "../helpers/factories";
import { actAs, onPage } from "../helpers/session";
import {
  call,
  expectFailure,
  keyFor,
  regenerateApiKey,
  revokeApiKey,
  seenSecretId,
} from "./support";
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

const works = async (key: string) => (await call(machine, "/api/v1/me", { key })).status === 200;

async function regenerate(keyId: string, overlap: (typeof overlapIds)[number]) {
  const result = await regenerateApiKey(
    null,
    onPage({ keyId, secretId: await seenSecretId(keyId), overlap }),
  );
  if (!result.ok) throw new Error(result.message);
  return result.data.key;
}

const eventsOf = (orgId: string, event: string) =>
  database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.event, event)));

describe("overlap regenerates never leave more than two live secrets", () => {
  it("a second overlap regenerate ends the older overlapping secret", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id, key: first } = await keyFor(admin, org);
    actAs(admin, org.id);
    const second = await regenerate(id, "24h");
    const third = await regenerate(id, "1h");
    expect(await works(first)).toBe(false);
    expect(await works(second)).toBe(true);
    expect(await works(third)).toBe(true);
    expect(await liveSecrets(id)).toHaveLength(2);
  });

  it("holds for any sequence of regenerates (property)", async () => {
    const { org, admin } = await createOrgWithPeople();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...overlapIds), { minLength: 1, maxLength: 5 }),
        async (overlaps) => {
          const { id, key } = await keyFor(admin, org);
          actAs(admin, org.id);
          const keys = [key];
          for (const overlap of overlaps) keys.push(await regenerate(id, overlap));
          expect((await liveSecrets(id)).length).toBeLessThanOrEqual(2);
          expect(await works(keys.at(-1)!)).toBe(true);
          // the one before the newest lives on only if the last regenerate asked for an overlap
          expect(await works(keys.at(-2)!)).toBe(overlaps.at(-1) !== "now");
          for (const older of keys.slice(0, -2)) expect(await works(older)).toBe(false);
        },
      ),
      { numRuns: 12 },
    );
  });

  it("20 simultaneous overlap regenerates of one key leave at most two live secrets", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id } = await keyFor(admin, org);
    actAs(admin, org.id);
    const secretId = await seenSecretId(id);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        regenerateApiKey(null, onPage({ keyId: id, secretId, overlap: i % 2 ? "1h" : "7d" })),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await liveSecrets(id)).toHaveLength(2);
  });
});

describe("End overlap now", () => {
  it("stops the previous secret at once, keeps the new one and is audited", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id, key: old } = await keyFor(admin, org);
    actAs(admin, org.id);
    const fresh = await regenerate(id, "7d");
    expect(await works(old)).toBe(true);
    const result = await endKeyOverlap(null, onPage({ keyId: id }));
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(await works(old)).toBe(false);
    expect(await works(fresh)).toBe(true);
    expect(await liveSecrets(id)).toHaveLength(1);
    const events = await eventsOf(org.id, "api_key.overlap_ended");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "update",
      actorId: admin.id,
      targetType: "api_key",
      targetId: id,
    });
  });

  it("is refused when there is no overlap to end, writing nothing", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id } = await keyFor(admin, org);
    actAs(admin, org.id);
    await regenerate(id, "now");
    expectFailure(await endKeyOverlap(null, onPage({ keyId: id })), "conflict");
    expect(await eventsOf(org.id, "api_key.overlap_ended")).toHaveLength(0);
  });

  it("is checked like regenerate: owner of the key or admin, same organization, Enterprise, not legacy, not archived", async () => {
    const { org, admin, member } = await createOrgWithPeople();
    const foreign = await createOrgWithPeople();
    const { id, key: old } = await keyFor(admin, org);
    actAs(admin, org.id);
    await regenerate(id, "24h");
    const callers = [
      { act: () => actAs(null), code: "unauthenticated" },
      { act: () => actAs(member, org.id), code: "not_found" },
      { act: () => actAs(foreign.admin, foreign.org.id), code: "not_found" },
      // a page and cookie naming an organization they do not belong to
      { act: () => actAs(foreign.admin, org.id), code: "conflict" },
    ];
    for (const caller of callers) {
      caller.act();
      expectFailure(await endKeyOverlap(null, onPage({ keyId: id })), caller.code);
    }
    expect(await works(old)).toBe(true);

    // a member ends the overlap of their own key
    const own = await keyFor(member, org);
    actAs(member, org.id);
    const ownOld = own.key;
    await regenerate(own.id, "1h");
    expect((await endKeyOverlap(null, onPage({ keyId: own.id }))).ok).toBe(true);
    expect(await works(ownOld)).toBe(false);

    // legacy keys can only be viewed
    await importLegacyKeys(
      database.db,
      JSON.stringify({ org: org.slug, name: "Old CRM", key: "legacy-overlap-0123456789abcdef" }),
    );
    const [legacy] = await database.db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.orgId, org.id), eq(apiKeys.legacy, true)));
    actAs(admin, org.id);
    expectFailure(await endKeyOverlap(null, onPage({ keyId: legacy!.id })), "forbidden");

    // API keys are an Enterprise feature
    await setOrganizationPlan(database.db, org.id, "pro");
    expectFailure(await endKeyOverlap(null, onPage({ keyId: id })), "forbidden");
    await setOrganizationPlan(database.db, org.id, "enterprise");
    expect(await works(old)).toBe(true);

    // an archived key has nothing left to end
    expect((await revokeApiKey(null, onPage({ keyId: id }))).ok).toBe(true);
    expectFailure(await endKeyOverlap(null, onPage({ keyId: id })), "not_found");

    expectFailure(await endKeyOverlap(null, onPage({ keyId: "not-a-uuid" })), "invalid");
  });
});
