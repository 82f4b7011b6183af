import "server-only";
import { z } from "zod";
import { getDb, type Executor } from "@/db/client";
import {
  archiveApiKey,
  isSecretLive,
  lockApiKeyAnyOrg,
  pruneArchivedKeys,
} from "@/db/queries/keys";
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
  opts: { reason?: string; expired?: Date; leak?: LeakDetails } = {},
) {
  await archiveApiKey(tx, key.orgId, key.id, opts.expired);
  await recordAudit(tx, audit, {
    event: opts.expired ? "api_key.expired" : opts.leak ? "api_key.leaked" : "api_key.revoked",
    target: { type: "api_key", id: key.id, name: key.name },
    teamId: key.teamId,
    changes: {
      status: { from: "active", to: "archived" },
      ...(opts.expired ? { expiresAt: key.expiresAt?.toISOString() ?? null } : {}),
      ...(opts.reason ? { reason: opts.reason } : {}),
      ...(opts.leak ? { leak: opts.leak } : {}),
    },
    description: opts.expired
      ? `API key ${key.name} expired`
      : `Revoked API key ${key.name}${opts.reason ? ` (${opts.reason})` : ""}`,
  });
  // Pruning is serialised per organization so two revokes cannot both keep 10 different rows.
  await lockOrgScope(tx, "archived_keys", key.orgId);
  await pruneArchivedKeys(tx, key.orgId, ARCHIVED_KEYS_KEPT);
}

/** Where a leak report found a credential: recorded with the revoke, never the credential itself. */
export type LeakDetails = { url: string | null; source: string | null; type: string | null };

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
  | { outcome: "revoked" | "already_revoked"; key: RevokedKey }
  /** liveDigest was given and that secret no longer works (the key itself stays as it is). */
  | { outcome: "secret_not_live"; key: RevokedKey }
  | { outcome: "not_found" };

/**
 * Revokes any key by id, legacy keys included, for paths that act for the installation rather than
 * a member (the keys:revoke command; a leak report). The dashboard's rule that legacy keys cannot
 * be revoked there is untouched: this is the separate path security needs.
 */
export async function revokeKeyById(
  keyId: string,
  actor: AuditActor,
  opts: {
    reason?: string;
    ip?: string | null;
    userAgent?: string | null;
    /** A leak report: audited as api_key.leaked with where the key was found. */
    leak?: LeakDetails;
    /** Revoke only while the secret with this digest still opens the door (a leaked secret). */
    liveDigest?: string;
    /** Runs in the revoking transaction once the key is archived (the owner's notice). */
    onRevoked?: (tx: Executor, key: ApiKey, org: { name: string; slug: string }) => Promise<void>;
  } = {},
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
    // A retired secret of a key still in use is no reason to stop the key: that secret is dead.
    if (opts.liveDigest && !(await isSecretLive(tx, key.id, opts.liveDigest))) {
      return { outcome: "secret_not_live", key: view(null) } as const;
    }
    await archiveKey(
      tx,
      key,
      { orgId: key.orgId, actor, ip: opts.ip ?? null, userAgent: opts.userAgent ?? null },
      { reason: opts.reason, leak: opts.leak },
    );
    await opts.onRevoked?.(tx, key, { name: row.orgName, slug: row.orgSlug });
    return { outcome: "revoked", key: view(new Date()) } as const;
  });
}
