import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "../client";

/**
 * Serialises writers of one organization's `scope` until the transaction ends, for invariants a
 * row lock cannot cover (e.g. "the last owner cannot be removed").
 */
export async function lockOrgScope(tx: Executor, scope: string, orgId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${scope}:${orgId}`}, 0))`);
}

/** Serialises first-run setup until the transaction ends: only one browser becomes first owner. */
export async function lockSetup(tx: Executor) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('setup', 0))`);
}
