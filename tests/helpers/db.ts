import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";
import { createDb, setHandle, type DbHandle } from "@/db/client";
import { resetPendingUsage } from "@/lib/usage/record";

/**
 * Gives the calling test file a clean, migrated database of its own: a new database on the
 * PostgreSQL server of DATABASE_URL when it is set, otherwise an in-memory PGlite.
 */
export function useTestDatabase() {
  let handle: DbHandle | undefined;
  let created: { admin: string; name: string; url: string } | undefined;

  beforeAll(async () => {
    const base = process.env.DATABASE_URL;
    if (base) {
      const name = `lk_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
      const admin = postgres(base, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      await admin.end();
      const url = new URL(base);
      url.pathname = `/${name}`;
      created = { admin: base, name, url: url.toString() };
      handle = createDb({ url: url.toString() });
    } else {
      handle = createDb({ dataDir: "memory://" });
    }
    await handle.migrate();
    setHandle(handle);
  });

  afterAll(async () => {
    // Usage counts this file's requests left in memory must not be flushed once its database is
    // gone (the flush would open the default database instead).
    resetPendingUsage();
    await handle?.close();
    setHandle(undefined);
    if (created) {
      const admin = postgres(created.admin, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${created.name} with (force)`);
      await admin.end();
    }
  });

  return {
    get db() {
      if (!handle) throw new Error("useTestDatabase: database not ready (use inside tests/hooks)");
      return handle.db;
    },
    get verifyDb() {
      return handle!.verifyDb;
    },
    get kind() {
      return handle!.kind;
    },
    /** The PostgreSQL database's URL, for a second connection pool (undefined on PGlite). */
    get url() {
      return created?.url;
    },
  };
}
