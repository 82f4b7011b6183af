import "server-only";
import type { Executor } from "@/db/client";
import { archiveApiKey, pruneArchivedKeys } from "@/db/queries/keys";
import { lockOrgScope } from "@/db/queries/locks";
import { lockActiveKeysOfCreator } from "@/db/queries/member-keys";
import { auditContextOf, type MemberContext } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/write";
import { ARCHIVED_KEYS_KEPT } from "./lifecycle";

/**
 * Archives every active key the removed member created in the organization, legacy keys
 * included: a key acts as its creator, and one left active would come back to life if the person
 * were ever invited again. Call inside the removal's transaction.
 */
export async function revokeKeysOfRemovedMember(
  tx: Executor,
  ctx: MemberContext,
  member: { userId: string; email: string },
) {
  const keys = await lockActiveKeysOfCreator(tx, ctx.org.id, member.userId);
  for (const key of keys) {
    await archiveApiKey(tx, ctx.org.id, key.id);
    await recordAudit(tx, auditContextOf(ctx), {
      event: "api_key.revoked",
      target: { type: "api_key", id: key.id, name: key.name },
      teamId: key.teamId,
      changes: {
        status: { from: "active", to: "archived" },
        reason: "creator_removed",
        ...(key.legacy ? { legacy: true } : {}),
      },
      description: `Revoked API key ${key.name} because ${member.email}, who created it, was removed from the organization`,
    });
  }
  if (keys.length) {
    await lockOrgScope(tx, "archived_keys", ctx.org.id);
    await pruneArchivedKeys(tx, ctx.org.id, ARCHIVED_KEYS_KEPT);
  }
  return keys;
}
