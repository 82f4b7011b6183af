import "server-only";
import type { Executor } from "@/db/client";
import { markOAuthClientRevoked } from "@/db/queries/oauth-clients";
import { recordAudit, type AuditContext } from "@/lib/audit/write";

type RevocableClient = { id: string; orgId: string; name: string };

/**
 * Revokes a locked, active client in the caller's transaction, with its audit event. Its access
 * tokens die with it: every verification re-reads the client and refuses a revoked one.
 */
export async function revokeClient(
  tx: Executor,
  client: RevocableClient,
  audit: AuditContext,
  leak?: { changes: Record<string, unknown>; description: string },
) {
  await markOAuthClientRevoked(tx, client.orgId, client.id);
  await recordAudit(tx, audit, {
    event: leak ? "oauth_client.leaked" : "oauth_client.revoked",
    target: { type: "oauth_client", id: client.id, name: client.name },
    ...(leak ? { changes: { status: { from: "active", to: "revoked" }, ...leak.changes } } : {}),
    description: leak?.description ?? `Revoked OAuth client ${client.name}`,
  });
}
