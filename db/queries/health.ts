import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "../client";

/** One `select 1`: the database answers. */
export async function pingDatabase(db: Executor) {
  await db.execute(sql`select 1`);
}
