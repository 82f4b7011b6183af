import "server-only";
import type { PGlite } from "@electric-sql/pglite";
import type { Sql } from "postgres";
import type { DbHandle } from "./client";

type Query = { text: string; values?: unknown[] };
type Row = Record<string, unknown>;

/**
 * The query client rate-limiter-flexible's PostgreSQL store expects (node-postgres' `query({ text,
 * values })` answering `{ rows, rowCount }`), over the app's own connection pool, so the limiter
 * needs no second driver and no pool of its own.
 */
export type PgStoreClient = { query: (q: Query) => Promise<{ rows: Row[]; rowCount: number }> };

// The store subtracts Date.now() from `expire`; int8 arrives as a string (postgres-js) or a
// bigint (PGlite), and a bigint would throw when mixed with a number.
function withNumericExpire(rows: Row[]): Row[] {
  return rows.map((row) =>
    row.expire === null || row.expire === undefined ? row : { ...row, expire: Number(row.expire) },
  );
}

export function pgStoreClient(handle: Pick<DbHandle, "kind" | "db">): PgStoreClient {
  if (handle.kind === "postgres") {
    const sql = (handle.db as unknown as { $client: Sql }).$client;
    return {
      async query({ text, values = [] }) {
        const result = await sql.unsafe(text, values as never[], { prepare: true });
        return { rows: withNumericExpire([...result] as Row[]), rowCount: result.count };
      },
    };
  }
  const pglite = (handle.db as unknown as { $client: PGlite }).$client;
  return {
    async query({ text, values = [] }) {
      const result = await pglite.query<Row>(text, values);
      const rows = withNumericExpire(result.rows);
      return { rows, rowCount: rows.length || (result.affectedRows ?? 0) };
    },
  };
}
