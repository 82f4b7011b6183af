import "server-only";
import { z } from "zod";
import { getDb, type Executor } from "@/db/client";
import { archiveApiKey, lockApiKeyAnyOrg, pruneArchivedKeys } from "@/db/queries/keys";
import { lockOrgScope } from "@/db/queries/locks";
import type { ApiKey } from "@/db/schema";
import { recordAudit, type AuditActor, type AuditContext } from "@/lib/audit/write";
import { ARCHIVED_KEYS_KEPT } from "./lifecycle";

/**
 * Archives a locked, active key in the caller's transaction: every secret dies at once, the
 * Delete event is written with it, and the organization's archive is cut back to the newest 10.
 * `expired`: the expiry sweep archives it (event api_key.expired, at the sweep's clock) rather than
 * someone revoking it.
 */
export async function archiveKey(
  tx: Executor,
  key: ApiKey,
  audit: AuditContext,
  opts: { reason?: string; expired?: Date } = {},
) {
  await archiveApiKey(tx, key.orgId, key.id, opts.expired);
  await recordAudit(tx, audit, {
    event: opts.expired ? "api_key.expired" : "api_key.revoked",
    target: { type: "api_key", id: key.id, name: key.name },
    teamId: key.teamId,
    changes: {
      status: { from: "active", to: "archived" },
      ...(opts.expired ? { expiresAt: key.expiresAt?.toISOString() ?? null } : {}),
      ...(opts.reason ? { reason: opts.reason } : {}),
    },
    description: opts.expired
      ? `API key ${key.name} expired`
      : `Revoked API key ${key.name}${opts.reason ? ` (${opts.reason})` : ""}`,
  });
  // Pruning is serialised per organization so two revokes cannot both keep 10 different rows.
  await lockOrgScope(tx, "archived_keys", key.orgId);
  await pruneArchivedKeys(tx, key.orgId, ARCHIVED_KEYS_KEPT);
}

/** An operator at the server's console, named by their OS account: audited as System. */
export function operatorActor(osUser: string): AuditActor {
  return { type: "system", id: null, name: `operator ${osUser}`.slice(0, 200) };
}

export type RevokedKey = {
  id: string;
  name: string;
  legacy: boolean;
  orgName: string;
  orgSlug: string;
  archivedAt: Date | null;
};

export type RevokeByIdResult =
  { outcome: "revoked" | "already_revoked"; key: RevokedKey } | { outcome: "not_found" };

/**
 * Revokes any key by id, legacy keys included, for paths that act for the installation rather than
 * a member (the keys:revoke command; a leak report). The dashboard's rule that legacy keys cannot
 * be revoked there is untouched: this is the separate path security needs.
 */
export async function revokeKeyById(
  keyId: string,
  actor: AuditActor,
  opts: { reason?: string; userAgent?: string } = {},
  db: Executor = getDb(),
): Promise<RevokeByIdResult> {
  if (!z.uuid().safeParse(keyId).success) return { outcome: "not_found" };
  return db.transaction(async (tx) => {
    const row = await lockApiKeyAnyOrg(tx, keyId);
    if (!row) return { outcome: "not_found" } as const;
    const { key } = row;
    const view = (archivedAt: Date | null): RevokedKey => ({
      id: key.id,
      name: key.name,
      legacy: key.legacy,
      orgName: row.orgName,
      orgSlug: row.orgSlug,
      archivedAt,
    });
    if (key.status !== "active") return { outcome: "already_revoked", key: view(key.archivedAt) };
    await archiveKey(
      tx,
      key,
      { orgId: key.orgId, actor, ip: null, userAgent: opts.userAgent ?? null },
      { reason: opts.reason },
    );
    return { outcome: "revoked", key: view(new Date()) } as const;
  });
}
