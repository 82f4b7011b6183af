import "server-only";
import type { Executor } from "@/db/client";
import { findOAuthClientForUpdate } from "@/db/queries/oauth-clients";
import type { MemberContext } from "@/lib/auth/authorize";
import { nowMs } from "@/lib/clock";
import { conflict, notFound } from "@/lib/errors";

/**
 * The organization's client, locked until the transaction ends (the lock serialises concurrent
 * changes to it). `revoked`: the refusal for a revoked client; `unexpired`: an expired client is
 * refused too. Another organization's client reads as not found.
 */
export async function lockClientForChange(
  tx: Executor,
  ctx: MemberContext,
  id: string,
  opts: { revoked?: string; unexpired?: boolean } = {},
) {
  const row = await findOAuthClientForUpdate(tx, ctx.org.id, id);
  if (!row) throw notFound("That client");
  if (opts.revoked && row.revokedAt) throw conflict(opts.revoked);
  if (opts.unexpired && row.expiresAt && row.expiresAt.getTime() <= nowMs()) {
    throw conflict("This client has expired: add a new client instead.");
  }
  return row;
}
