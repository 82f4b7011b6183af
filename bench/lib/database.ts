// A fresh PostgreSQL database per run, dropped at clean-up, so a benchmark never migrates or fills
// a database someone else uses. The server is DATABASE_URL's, or the local one.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { onCleanup } from "./cleanup";

const serverUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

function admin() {
  return postgres(serverUrl, { max: 1, onnotice: () => {} });
}

export type BenchDatabase = { name: string; url: string };

/** Creates `lk_bench_<label>_<random>` and registers its drop. */
export async function createDatabase(label: string): Promise<BenchDatabase> {
  const name = `lk_bench_${label}_${randomBytes(4).toString("hex")}`;
  const sql = admin();
  try {
    await sql.unsafe(`create database ${name}`);
  } finally {
    await sql.end();
  }
  onCleanup(async () => {
    const sql = admin();
    try {
      await sql.unsafe(`drop database if exists ${name} with (force)`);
    } finally {
      await sql.end();
    }
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

/** The backend processes serving a database, so their CPU time can be read. */
export async function backendPids(database: string): Promise<number[]> {
  const sql = admin();
  try {
    const rows = await sql`select pid from pg_stat_activity where datname = ${database}`;
    return rows.map((r) => Number(r.pid));
  } finally {
    await sql.end();
  }
}
