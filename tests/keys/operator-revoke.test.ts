import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { insertMembership } from "@/db/queries/memberships";
import { insertOrganization } from "@/db/queries/organizations";
import { insertUser } from "@/db/queries/users";
import { apiKeys, apiKeySecrets, auditEvents } from "@/db/schema";
import { exportChunks } from "@/lib/audit/export";
import { importLegacyKeys } from "@/lib/keys/legacy-import";
import { operatorActor, revokeKeyById } from "@/lib/keys/revoke";
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
const run = promisify(execFile);

const LEAKED = "legacy-leaked-0123456789abcdefXYZ";

async function legacyKey(org: { id: string; slug: string }, key = LEAKED) {
  await importLegacyKeys(database.db, JSON.stringify({ org: org.slug, name: "Old CRM", key }));
  const [row] = await database.db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.orgId, org.id), eq(apiKeys.legacy, true)));
  return row!;
}

const status = async (key: string) => (await call(machine, "/api/v1/me", { key })).status;

const eventsOf = (orgId: string, event: string) =>
  database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.event, event)));

describe("a leaked legacy key can be stopped by an operator", () => {
  it("the dashboard still refuses it, the operator's revoke stops it at once and is audited as the operator", async () => {
    const { org, owner } = await createOrgWithPeople();
    const key = await legacyKey(org);
    expect(await status(LEAKED)).toBe(200);
    actAs(owner, org.id);
    expectFailure(await revokeApiKey(null, onPage({ keyId: key.id })), "forbidden");

    const result = await revokeKeyById(key.id, operatorActor("alice"));
    expect(result).toMatchObject({
      outcome: "revoked",
      key: { id: key.id, name: "Old CRM", legacy: true, orgSlug: org.slug },
    });
    expect(await status(LEAKED)).toBe(401);
    const [row] = await database.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row?.status).toBe("archived");
    const events = await eventsOf(org.id, "api_key.revoked");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "delete",
      actorType: "system",
      actorId: null,
      actorName: "operator alice",
      targetType: "api_key",
      targetId: key.id,
      targetName: "Old CRM",
    });
    // The log names the operator behind System, on screen and in the CSV export alike.
    let csv = "";
    for await (const chunk of exportChunks(org.id, { teams: [], order: "newest" }, "csv")) {
      csv += chunk.toString();
    }
    expect(csv).toContain("System (operator alice)");
  });

  it("revokes any key, with every secret an overlap kept alive", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id, key: old } = await keyFor(admin, org);
    actAs(admin, org.id);
    const regenerated = await regenerateApiKey(
      null,
      onPage({ keyId: id, secretId: await seenSecretId(id), overlap: "7d" }),
    );
    if (!regenerated.ok) throw new Error(regenerated.message);
    expect((await revokeKeyById(id, operatorActor("bob"))).outcome).toBe("revoked");
    expect(await status(old)).toBe(401);
    expect(await status(regenerated.data.key)).toBe(401);
    const live = await database.db.select().from(apiKeySecrets).where(eq(apiKeySecrets.keyId, id));
    expect(live.every((s) => s.revokedAt)).toBe(true);
  });

  it("an unknown or malformed id changes nothing; revoking twice writes one event", async () => {
    const { org } = await createOrgWithPeople();
    const key = await legacyKey(org, "legacy-twice-0123456789abcdef");
    expect((await revokeKeyById(crypto.randomUUID(), operatorActor("carol"))).outcome).toBe(
      "not_found",
    );
    expect((await revokeKeyById("42; drop table api_keys", operatorActor("carol"))).outcome).toBe(
      "not_found",
    );
    expect((await revokeKeyById(key.id, operatorActor("carol"))).outcome).toBe("revoked");
    expect((await revokeKeyById(key.id, operatorActor("carol"))).outcome).toBe("already_revoked");
    expect(await eventsOf(org.id, "api_key.revoked")).toHaveLength(1);
  });
});

describe("npm run keys:revoke", () => {
  /**
   * A PGlite database of its own for the command (never the server of DATABASE_URL, whatever the
   * test run uses), holding one legacy key.
   */
  async function databaseWithLegacyKey() {
    const dir = await mkdtemp(path.join(tmpdir(), "lk-keys-revoke-"));
    const handle = createDb({ url: "", dataDir: dir });
    await handle.migrate();
    const org = await insertOrganization(handle.db, {
      name: "Acme",
      slug: "acme",
      plan: "enterprise",
    });
    const owner = await insertUser(handle.db, {
      email: "owner@acme.test",
      name: "Olivia Owner",
      passwordHash: "not-used",
    });
    await insertMembership(handle.db, org.id, owner.id, "owner");
    await importLegacyKeys(
      handle.db,
      JSON.stringify({ org: "acme", name: "Old ETL", key: LEAKED }),
    );
    const [key] = await handle.db.select().from(apiKeys);
    await handle.close();
    return { dir, keyId: key!.id };
  }

  async function command(args: string[], dir: string) {
    try {
      const { stdout, stderr } = await run(
        "npm",
        ["run", "--silent", "keys:revoke", "--", ...args],
        {
          env: { ...process.env, DATABASE_URL: "", PGLITE_DIR: dir },
        },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it("revokes a key by the id in its details URL, answers with one line and exit code 0; an unknown id exits 1", async () => {
    const { dir, keyId } = await databaseWithLegacyKey();
    try {
      const refused = await command([keyId], dir);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain("stop the server first");

      const unknown = await command(["--server-stopped", crypto.randomUUID()], dir);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(/No API key with id/);

      const done = await command(["--server-stopped", keyId], dir);
      expect(done.code, done.stderr).toBe(0);
      expect(done.stdout.trim()).toBe(
        `Revoked API key "Old ETL" (${keyId}, legacy) of Acme (acme): it stops working now.`,
      );

      const handle = createDb({ url: "", dataDir: dir });
      const [row] = await handle.db.select().from(apiKeys).where(eq(apiKeys.id, keyId));
      const [event] = await handle.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.event, "api_key.revoked"));
      await handle.close();
      expect(row?.status).toBe("archived");
      expect(event?.actorType).toBe("system");
      expect(event?.actorName).toMatch(/^operator \S+/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
