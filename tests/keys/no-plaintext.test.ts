import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople } from "../helpers/factories";
import { actAs, onPage } from "../helpers/session";
import {
  call,
  keyFor,
  regenerateApiKey,
  revokeApiKey,
  seenSecretId,
  updateApiKey,
} from "./support";
import { machine } from "../helpers/machine";

const database = useTestDatabase();

async function dumpEveryTable(): Promise<string> {
  const tables = (await database.db.execute(
    sql`select tablename from pg_tables where schemaname = 'public'`,
  )) as unknown as { rows?: { tablename: string }[] } & { tablename: string }[];
  const names = (tables.rows ?? tables).map((t) => t.tablename);
  expect(names).toEqual(expect.arrayContaining(["api_keys", "api_key_secrets", "audit_events"]));
  const dump: Record<string, unknown> = {};
  for (const name of names) {
    dump[name] = await database.db.execute(sql`select * from ${sql.identifier(name)}`);
  }
  return JSON.stringify(dump);
}

afterEach(() => vi.restoreAllMocks());

describe("the plaintext key exists only in the creating response", () => {
  it("appears in no table, no log line and no console output after every key operation", async () => {
    const output: string[] = [];
    for (const method of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        output.push(args.map((a) => (a instanceof Error ? a.stack : JSON.stringify(a))).join(" "));
      });
    }
    // The app's logger writes JSON lines to stdout.
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      output.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString());
      return true;
    });
    const { org, admin } = await createOrgWithPeople();
    const plaintexts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { id, key } = await keyFor(admin, org, { name: `k${i}` });
      plaintexts.push(key);
      await call(machine, "/api/v1/me", { key });
      await call(machine, "/api/v1/proposals", {
        key,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ title: "t" }),
      });
      actAs(admin, org.id);
      await updateApiKey(null, onPage({ keyId: id, name: `renamed ${i}`, apis: ["data"] }));
      const regenerated = await regenerateApiKey(
        null,
        onPage({ keyId: id, secretId: await seenSecretId(id), overlap: "1h" }),
      );
      if (regenerated.ok) plaintexts.push(regenerated.data.key);
    }
    // a bad key and a wrong typed key are logged nowhere either
    await call(machine, "/api/v1/me", { key: plaintexts[0]!.slice(0, -1) + "0" });
    actAs(admin, org.id);
    const { id } = await keyFor(admin, org, { name: "to revoke" });
    await revokeApiKey(null, onPage({ keyId: id }));

    const dump = await dumpEveryTable();
    const logs = output.join("\n");
    for (const key of plaintexts) {
      expect(dump).not.toContain(key);
      // nor the random part alone
      expect(dump).not.toContain(key.slice(8, -6));
      expect(logs).not.toContain(key.slice(8, -6));
    }
  });
});
