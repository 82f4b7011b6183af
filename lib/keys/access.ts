import "server-only";
import type { Executor } from "@/db/client";
import { findApiKey, lockApiKey } from "@/db/queries/keys";
import type { ApiKey } from "@/db/schema";
import type { MemberContext } from "@/lib/auth/authorize";
import { env } from "@/lib/env";
import { nowMs } from "@/lib/clock";
import { conflict, forbidden, notFound } from "@/lib/errors";
import { isAdmin } from "@/lib/roles";

export function enterpriseGateMessage() {
  return `This feature is only available for Enterprise customers. If you're not one yet, contact ${env().SALES_CONTACT_EMAIL} to upgrade your plan.`;
}

/** API keys are an Enterprise feature: every key action refuses other plans. */
export function requireEnterprise(ctx: MemberContext) {
  if (ctx.org.plan !== "enterprise") throw forbidden(enterpriseGateMessage());
}

/** Members see and manage only the keys they created; owners and admins, all of the org's. */
function canManageKey(ctx: MemberContext, key: Pick<ApiKey, "createdBy">) {
  return isAdmin(ctx.role) || key.createdBy === ctx.user.id;
}

/**
 * The caller's key, locked for the transaction when `lock` is set; `unexpired` refuses a key past
 * its expiry. Another organization's key and
 * a member's view of someone else's key both read as not found, revealing nothing.
 */
export async function keyForCaller(
  db: Executor,
  ctx: MemberContext,
  keyId: string,
  opts: { lock?: boolean; active?: boolean; editable?: boolean; unexpired?: boolean } = {},
): Promise<ApiKey> {
  const key = opts.lock
    ? await lockApiKey(db, ctx.org.id, keyId)
    : await findApiKey(ctx.org.id, keyId, db);
  if (!key || !canManageKey(ctx, key)) throw notFound("That API key");
  if (opts.active && key.status !== "active") throw notFound("That API key");
  if (opts.editable && key.legacy) {
    throw forbidden("Legacy keys can only be viewed: create a new key and switch to it.");
  }
  // Until the sweep archives it, an expired key is still listed; it can be revoked, not revived.
  if (opts.unexpired && key.expiresAt && key.expiresAt.getTime() <= nowMs()) {
    throw conflict("This API key has expired: generate a new key instead.");
  }
  return key;
}

/** The caller's key for a change: locked until the transaction ends, active and not legacy. */
export function lockKeyForChange(
  tx: Executor,
  ctx: MemberContext,
  keyId: string,
  opts: { unexpired?: boolean } = {},
): Promise<ApiKey> {
  return keyForCaller(tx, ctx, keyId, { lock: true, active: true, editable: true, ...opts });
}
