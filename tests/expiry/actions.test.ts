import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { updateOAuthClient } from "@/app/(app)/admin/api-management/actions";
import { findApiKey } from "@/db/queries/keys";
import { apiKeys, auditEvents, oauthClients } from "@/db/schema";
import { setClock } from "@/lib/clock";
import { importLegacyKeys } from "@/lib/keys/legacy-import";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople } from "../helpers/factories";
import { actAs, onPage } from "../helpers/session";
import { createApiKey, expectFailure, keyFor, updateApiKey } from "../keys/support";
import { clientFor } from "./support";

const database = useTestDatabase();
const DAY = 24 * 3600_000;
afterEach(() => setClock(undefined));

const eventsOf = (orgId: string, event: string) =>
  database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.event, event)));

const edit = (keyId: string, extra: Record<string, unknown>) =>
  updateApiKey(null, onPage({ keyId, name: "Edited", apis: ["data"], ...extra }));

describe("choosing an expiry", () => {
  it("records it on the key and in the created event; Never is the default", async () => {
    const t0 = new Date("2033-01-01T12:00:00.000Z").getTime();
    setClock(new Date(t0));
    const { org, member } = await createOrgWithPeople();
    for (const [expiry, days] of [
      ["7d", 7],
      ["30d", 30],
      ["60d", 60],
      ["90d", 90],
    ] as const) {
      const { id } = await keyFor(member, org, { name: `In ${days}`, expiry });
      expect((await findApiKey(org.id, id))!.expiresAt?.getTime()).toBe(t0 + days * DAY);
    }
    const never = await keyFor(member, org, { name: "Never" });
    expect((await findApiKey(org.id, never.id))!.expiresAt).toBeNull();
    const onDate = "2033-06-30T21:59:59.999Z";
    const dated = await keyFor(member, org, { name: "Dated", expiry: "date", expiresAt: onDate });
    expect((await findApiKey(org.id, dated.id))!.expiresAt?.toISOString()).toBe(onDate);

    const created = await eventsOf(org.id, "api_key.created");
    expect(created.find((e) => e.targetId === never.id)!.changes).toMatchObject({
      expiresAt: null,
    });
    expect(created.find((e) => e.targetId === dated.id)!.changes).toMatchObject({
      expiresAt: onDate,
    });
  });

  it("refuses a missing, past, too distant or unknown expiry, creating nothing", async () => {
    const { org, member } = await createOrgWithPeople();
    actAs(member, org.id);
    const attempts: [Record<string, unknown>, string][] = [
      [{ expiry: "date" }, "Choose an expiration date."],
      [
        { expiry: "date", expiresAt: new Date(Date.now() - 1000).toISOString() },
        "Choose a date in the future.",
      ],
      [
        { expiry: "date", expiresAt: new Date(Date.now() + 6 * 365 * DAY).toISOString() },
        "Choose a date within 5 years.",
      ],
      [{ expiry: "date", expiresAt: "next tuesday" }, "Choose a valid date."],
    ];
    for (const [input, message] of attempts) {
      const result = await createApiKey(null, onPage({ name: "Bad", apis: ["data"], ...input }));
      expectFailure(result, "invalid");
      expect(result.ok ? [] : result.fieldErrors?.expiresAt).toEqual([message]);
    }
    const unknown = await createApiKey(null, onPage({ name: "Bad", apis: ["data"], expiry: "1y" }));
    expectFailure(unknown, "invalid");
    expect(unknown.ok ? [] : unknown.fieldErrors?.expiry).toEqual(["Choose when it expires."]);
    const rows = await database.db.select().from(apiKeys).where(eq(apiKeys.orgId, org.id));
    expect(rows).toHaveLength(0);
  });

  it("Edit keeps the expiry unless changed, and audits a change with before and after", async () => {
    const t0 = new Date("2033-02-01T00:00:00.000Z").getTime();
    setClock(new Date(t0));
    const { org, member } = await createOrgWithPeople();
    const { id } = await keyFor(member, org, { name: "Edited", expiry: "30d" });
    actAs(member, org.id);
    expect(await edit(id, {})).toMatchObject({ ok: true });
    expect(await edit(id, { expiry: "keep" })).toMatchObject({ ok: true });
    expect((await findApiKey(org.id, id))!.expiresAt?.getTime()).toBe(t0 + 30 * DAY);
    expect(await eventsOf(org.id, "api_key.expiry_changed")).toHaveLength(0);

    expect(await edit(id, { expiry: "never" })).toMatchObject({ ok: true });
    expect((await findApiKey(org.id, id))!.expiresAt).toBeNull();
    setClock(new Date(t0 + DAY));
    expect(await edit(id, { expiry: "90d" })).toMatchObject({ ok: true });
    const changes = (await eventsOf(org.id, "api_key.expiry_changed")).map((e) => e.changes);
    expect(changes).toEqual([
      { expiresAt: { from: new Date(t0 + 30 * DAY).toISOString(), to: null } },
      { expiresAt: { from: null, to: new Date(t0 + 91 * DAY).toISOString() } },
    ]);
  });

  it("an expired key (before the sweep) can be revoked but not edited or regenerated", async () => {
    const t0 = new Date("2033-03-01T00:00:00.000Z").getTime();
    setClock(new Date(t0));
    const { org, member } = await createOrgWithPeople();
    const { id } = await keyFor(member, org, { expiry: "7d" });
    setClock(new Date(t0 + 7 * DAY));
    actAs(member, org.id);
    const refused = await edit(id, { expiry: "90d" });
    expectFailure(refused, "conflict");
    expect(refused.ok ? "" : refused.message).toBe(
      "This API key has expired: generate a new key instead.",
    );
    const { regenerateApiKey, revokeApiKey, seenSecretId } = await import("../keys/support");
    expectFailure(
      await regenerateApiKey(null, onPage({ keyId: id, secretId: await seenSecretId(id) })),
      "conflict",
    );
    expect(await revokeApiKey(null, onPage({ keyId: id }))).toMatchObject({ ok: true });
  });

  it("legacy keys cannot get an expiry in the dashboard", async () => {
    const { org, owner } = await createOrgWithPeople();
    await importLegacyKeys(
      database.db,
      JSON.stringify({ org: org.slug, name: "Old", key: "legacy-0123456789abcdefXYZ" }),
    );
    const [legacy] = await database.db.select().from(apiKeys).where(eq(apiKeys.orgId, org.id));
    actAs(owner, org.id);
    expectFailure(await edit(legacy!.id, { expiry: "30d" }), "forbidden");
    expect((await findApiKey(org.id, legacy!.id))!.expiresAt).toBeNull();
  });

  it("clients take an expiry at ADD CLIENT and in their Edit, audited the same way", async () => {
    const t0 = new Date("2033-04-01T00:00:00.000Z").getTime();
    setClock(new Date(t0));
    const { org, admin, member } = await createOrgWithPeople();
    const creds = await clientFor(admin, org, { expiry: "60d" });
    const row = async () =>
      (await database.db.select().from(oauthClients).where(eq(oauthClients.id, creds.id)))[0]!;
    expect((await row()).expiresAt?.getTime()).toBe(t0 + 60 * DAY);
    expect((await eventsOf(org.id, "oauth_client.created"))[0]!.changes).toMatchObject({
      expiresAt: new Date(t0 + 60 * DAY).toISOString(),
    });

    actAs(member, org.id);
    expectFailure(
      await updateOAuthClient(null, onPage({ id: creds.id, apis: ["data"], expiry: "never" })),
      "forbidden",
    );
    actAs(admin, org.id);
    const apis = ["data", "reports"];
    expect(await updateOAuthClient(null, onPage({ id: creds.id, apis }))).toMatchObject({
      ok: true,
    });
    expect((await row()).expiresAt?.getTime()).toBe(t0 + 60 * DAY);
    expect(
      await updateOAuthClient(null, onPage({ id: creds.id, apis, expiry: "7d" })),
    ).toMatchObject({ ok: true });
    expect((await row()).expiresAt?.getTime()).toBe(t0 + 7 * DAY);
    expect((await eventsOf(org.id, "oauth_client.expiry_changed"))[0]!.changes).toEqual({
      expiresAt: {
        from: new Date(t0 + 60 * DAY).toISOString(),
        to: new Date(t0 + 7 * DAY).toISOString(),
      },
    });
    expect(await eventsOf(org.id, "oauth_client.apis_changed")).toHaveLength(0);

    setClock(new Date(t0 + 7 * DAY));
    const refused = await updateOAuthClient(null, onPage({ id: creds.id, apis, expiry: "90d" }));
    expectFailure(refused, "conflict");
    expect(refused.ok ? "" : refused.message).toBe(
      "This client has expired: add a new client instead.",
    );
  });
});
