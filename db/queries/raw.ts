import "server-only";
import type { SQL } from "drizzle-orm";
import type { Executor } from "../client";

/** Rows of a raw statement: postgres-js returns an array, PGlite an object with `rows`. */
export async function rawRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}
