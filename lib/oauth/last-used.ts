import "server-only";
import { touchOAuthClientLastUsed } from "@/db/queries/oauth-clients";

const LAST_USED_GRANULARITY_MS = 60_000;

/**
 * Records a client's last use (time, IP, user agent) when the stored one is over a minute old.
 * The caller already has the stored time from the lookup it made anyway, so a busy client pays one
 * write a minute; the query is guarded too, so instances racing here still write once.
 */
export async function noteClientUsed(
  client: { id: string; lastUsedAt: Date | string | null },
  meta: { ip: string | null; userAgent: string | null },
) {
  const last = client.lastUsedAt ? new Date(client.lastUsedAt).getTime() : 0;
  if (Date.now() - last <= LAST_USED_GRANULARITY_MS) return;
  await touchOAuthClientLastUsed(client.id, meta);
}
