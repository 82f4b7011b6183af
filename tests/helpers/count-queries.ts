import { vi } from "vitest";
import type { Db } from "@/db/client";

/**
 * Counts every statement sent to the test database, at the driver, whichever driver it is, on
 * both of the handle's pools (the verification path's and the general one).
 */
export function countQueries(database: { kind: string; db: Db; verifyDb: Db }) {
  const method = database.kind === "pglite" ? "query" : "unsafe";
  const clients = new Set(
    [database.db, database.verifyDb].map(
      (db) => (db as unknown as { $client: Record<string, () => unknown> }).$client,
    ),
  );
  const spies = [...clients].map((client) => vi.spyOn(client, method));
  return { count: () => spies.reduce((n, spy) => n + spy.mock.calls.length, 0) };
}
