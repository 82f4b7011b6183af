import "server-only";
import type { Executor } from "@/db/client";
import {
  findCurrentSecretId,
  insertSecret,
  retireSecrets,
  type SecretValues,
} from "@/db/queries/keys";
import type { ApiKey } from "@/db/schema";
import { recordAudit, type AuditContext } from "@/lib/audit/write";
import { conflict } from "@/lib/errors";
import { overlapSeconds, type OverlapId } from "./lifecycle";

export const KEY_CHANGED_MESSAGE = "This key was changed by someone else; reload and try again.";

/**
 * Replaces a locked, active key's secret in the caller's transaction, if its current secret is
 * still the one the caller saw: of several people (or tabs, or instances) regenerating from the
 * same screen, one succeeds and the others are told, instead of each silently replacing the key
 * the previous one was just handed.
 */
export async function replaceKeySecret(
  tx: Executor,
  key: ApiKey,
  change: { seenSecretId: string; stored: SecretValues; overlap: OverlapId },
  audit: AuditContext,
) {
  if ((await findCurrentSecretId(tx, key.id)) !== change.seenSecretId) {
    throw conflict(KEY_CHANGED_MESSAGE);
  }
  const seconds = overlapSeconds(change.overlap);
  await retireSecrets(tx, key.id, seconds ? new Date(Date.now() + seconds * 1000) : null);
  await insertSecret(tx, key.id, change.stored);
  await recordAudit(tx, audit, {
    event: "api_key.regenerated",
    target: { type: "api_key", id: key.id, name: key.name },
    teamId: key.teamId,
    changes: { regenerated: true, overlap: change.overlap },
    description: `Regenerated API key ${key.name}`,
  });
}
