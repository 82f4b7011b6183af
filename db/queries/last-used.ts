import "server-only";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { getDb, type Executor } from "../client";
import { apiKeys, oauthClients } from "../schema";

export type UseMeta = { ip: string | null; userAgent: string | null };

/**
 * Records a key's or client's last use, coalesced: writes only when the stored time is over a
 * minute old, so a busy credential costs one write a minute, not one per request.
 */
export async function touchLastUsed(
  table: typeof apiKeys | typeof oauthClients,
  id: string,
  meta: UseMeta,
  db: Executor = getDb(),
) {
  // Both tables share these columns; drizzle cannot type an update over a union of tables.
  const t = table as typeof apiKeys;
  await db
    .update(t)
    .set({
      lastUsedAt: sql`now()`,
      lastUsedIp: meta.ip,
      lastUsedUserAgent: meta.userAgent?.slice(0, 512) ?? null,
    })
    .where(
      and(
        eq(t.id, id),
        or(isNull(t.lastUsedAt), lt(t.lastUsedAt, sql`now() - interval '1 minute'`)),
      ),
    );
}
