import path from "node:path";
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import postgres from "postgres";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { env } from "@/lib/env";
import * as schema from "./schema";
import { databaseTimeoutMs } from "./unavailable";

// Both drivers share PgDatabase's query builder; the postgres-js flavour is the app-wide type.
export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything that can run a query: the database or an open transaction. */
export type Executor = Db | Tx;

export type DbHandle = {
  kind: "pglite" | "postgres";
  db: Db;
  /**
   * For the verification path's one-statement reads (key and client lookups): with DATABASE_URL a
   * pool of its own, of few connections that postgres.js pipelines queries over, so the reads of
   * concurrent requests share a socket write and a server wake-up (a third of the CPU per request
   * of ten connections with one query each). No transaction ever holds one of these connections,
   * so a long transaction or a held lock cannot queue verification behind it. PGlite: `db`.
   */
  verifyDb: Db;
  close: () => Promise<void>;
  migrate: () => Promise<void>;
};

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

export function createDb(opts: { url?: string; dataDir?: string } = {}): DbHandle {
  const url = opts.url ?? env().DATABASE_URL;
  if (url) {
    // Both pools: a connection attempt that hangs (a server starting up, a black-holed network)
    // gives up within the time a request waits for the database, instead of postgres.js's 30 s;
    // reconnect attempts after failures back off with jitter, but never wait over a second
    // (postgres.js's own backoff grows to 20 s over an outage, and that long after the database
    // is back the pool would still be refusing requests).
    const options = {
      connect_timeout: Math.max(1, Math.ceil(databaseTimeoutMs() / 1000)),
      backoff: (retries: number) => (0.5 + Math.random() / 2) * Math.min(3 ** retries / 100, 1),
      onnotice: () => {},
    };
    const client = postgres(url, { max: env().DATABASE_POOL_SIZE, ...options });
    const verifyClient = postgres(url, { max: env().DATABASE_VERIFY_POOL_SIZE, ...options });
    const db = drizzlePostgres(client, { schema });
    return {
      kind: "postgres",
      db,
      verifyDb: drizzlePostgres(verifyClient, { schema }),
      close: async () => {
        await Promise.all([client.end(), verifyClient.end()]);
      },
      migrate: () => migratePostgres(db, { migrationsFolder }),
    };
  }
  const dataDir = opts.dataDir ?? env().PGLITE_DIR ?? path.join(process.cwd(), ".data", "pglite");
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(dataDir, { extensions: { pg_trgm } });
  const db = drizzlePglite(client, { schema });
  return {
    kind: "pglite",
    db: db as unknown as Db,
    verifyDb: db as unknown as Db,
    close: () => client.close(),
    migrate: () => migratePglite(db, { migrationsFolder }),
  };
}

// One handle per process, shared by every module graph (server.ts and the machine door have theirs,
// Next's bundles theirs) and surviving dev reloads: PGlite must never be opened twice on the same
// folder, and with DATABASE_URL both doors share one pool.
const HANDLE = Symbol.for("latchkey.db");
const processWide = globalThis as unknown as { [HANDLE]?: DbHandle };

export function getHandle(): DbHandle {
  processWide[HANDLE] ??= createDb();
  return processWide[HANDLE];
}

/** Tests install their own per-file database here. */
export function setHandle(handle: DbHandle | undefined) {
  processWide[HANDLE] = handle;
}

export function getDb(): Db {
  return getHandle().db;
}

/** The verification path's pool (see DbHandle.verifyDb). */
export function getVerifyDb(): Db {
  return getHandle().verifyDb;
}

export { schema };
