import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiKeys, auditEvents } from "@/db/schema";
import { digestSecret } from "@/lib/secrets/prefixed";
import { importLegacyKeys } from "@/lib/keys/legacy-import";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople, createUser } from "../helpers/factories";
import { actAs, onPage } from "../helpers/session";
import {
  call,
  expectFailure,
  regenerateApiKey,
  revokeApiKey,
  seenSecretId,
  updateApiKey,
} from "./support";
import { machine } from "../helpers/machine";

const database = useTestDatabase();

const OLD_KEY = "legacy-0123456789abcdefXYZ";
const HASHED_ONLY = "old_system_key_with_only_its_hash_known";

async function importInto(slug: string) {
  const lines = [
    JSON.stringify({ org: slug, name: "Old CRM", key: OLD_KEY }),
    JSON.stringify({ org: slug, name: "Old ETL", sha256: digestSecret(HASHED_ONLY).toUpperCase() }),
  ].join("\n");
  return importLegacyKeys(database.db, lines);
}

describe("legacy keys", () => {
  it("imports key and sha256 lines as legacy keys created by the oldest owner", async () => {
    const { org, owner } = await createOrgWithPeople();
    await createUser({ org, role: "owner" });
    const report = await importInto(org.slug);
    expect(report).toEqual({ imported: 2, skipped: 0, errors: [] });
    const keys = await database.db.select().from(apiKeys).where(eq(apiKeys.orgId, org.id));
    expect(keys).toHaveLength(2);
    expect(keys.every((k) => k.legacy && k.createdBy === owner.id && k.status === "active")).toBe(
      true,
    );
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.orgId, org.id));
    expect(events.filter((e) => e.event === "api_key.created")).toHaveLength(2);
    expect(JSON.stringify(events)).not.toContain(OLD_KEY);
  });

  it("is idempotent and reports bad lines without echoing keys", async () => {
    const { org } = await createOrgWithPeople();
    await importInto(org.slug);
    expect(await importInto(org.slug)).toEqual({ imported: 0, skipped: 2, errors: [] });
    const bad = await importLegacyKeys(
      database.db,
      [
        "not json",
        JSON.stringify({ org: "no-such-org", name: "x", key: "abcdefghijklmnopqrstuvwxyz" }),
        JSON.stringify({ org: org.slug, name: "x", key: "short" }),
        JSON.stringify({ org: org.slug, name: "x", sha256: "zz" }),
      ].join("\n"),
    );
    expect(bad.imported).toBe(0);
    expect(bad.errors).toHaveLength(4);
    expect(bad.errors.join()).not.toContain("abcdefghijklmnopqrstuvwxyz");
  });

  it("verifies like other keys, by key or by imported digest", async () => {
    const { org } = await createOrgWithPeople();
    await importInto(org.slug);
    expect((await call(machine, "/api/v1/me", { key: OLD_KEY })).status).toBe(200);
    expect((await call(machine, "/api/v1/me", { key: HASHED_ONLY })).status).toBe(200);
    expect((await call(machine, "/api/v1/me", { key: `${OLD_KEY}x` })).status).toBe(401);
  });

  it("cannot be edited, regenerated or archived, even by the owner", async () => {
    const { org, owner } = await createOrgWithPeople();
    await importInto(org.slug);
    const keys = await database.db.select().from(apiKeys).where(eq(apiKeys.orgId, org.id));
    actAs(owner, org.id);
    for (const key of keys) {
      const before = await database.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
      expectFailure(
        await updateApiKey(null, onPage({ keyId: key.id, name: "Renamed", apis: ["data"] })),
        "forbidden",
      );
      expectFailure(
        await regenerateApiKey(
          null,
          onPage({ keyId: key.id, secretId: await seenSecretId(key.id) }),
        ),
        "forbidden",
      );
      const revoked = await revokeApiKey(null, onPage({ keyId: key.id }));
      expectFailure(revoked, "forbidden");
      expect(!revoked.ok && revoked.message).toMatch(/Legacy keys/);
      expect(await database.db.select().from(apiKeys).where(eq(apiKeys.id, key.id))).toEqual(
        before,
      );
    }
    expect((await call(machine, "/api/v1/me", { key: OLD_KEY })).status).toBe(200);
  });
});
