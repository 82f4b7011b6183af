import "server-only";
import { getDb } from "@/db/client";
import { findKeyBySecretDigest } from "@/db/queries/keys";
import { listMembers } from "@/db/queries/memberships";
import { lockOAuthClientBySecretHash } from "@/db/queries/oauth-clients";
import { findUserById } from "@/db/queries/users";
import type { AuditActor } from "@/lib/audit/write";
import {
  LEGACY_KEY_PATTERN,
  digestSecret,
  isWellFormedClientSecret,
  looksLikeKey,
  maskParts,
  maskedKey,
  parseKey,
} from "@/lib/secrets/prefixed";
import { revokeKeyById, type LeakDetails } from "@/lib/keys/revoke";
import { revokeClient } from "@/lib/oauth/revoke-client";
import { isAdmin } from "@/lib/roles";
import { clientLeakMail, keyLeakMail, queueLeakNotice } from "./notify";
import type { LeakLabel } from "./report";

/** Who reported, as the audit log records it. */
export type LeakContext = {
  actor: AuditActor;
  ip: string | null;
  userAgent: string | null;
};

/**
 * Acts on one reported token: a live API key (legacy keys included) or OAuth client secret is
 * revoked at once, audited as leaked with where it was found, and its owners are notified, all in
 * one transaction. Anything else (unknown, malformed, already dead) changes nothing.
 */
export async function actOnLeakedToken(
  token: string,
  leak: LeakDetails,
  ctx: LeakContext,
): Promise<LeakLabel> {
  if (isWellFormedClientSecret(token)) return revokeLeakedClient(token, leak, ctx);
  if (looksLikeKey(token)) {
    // A checksum that does not match cannot be one of ours: no lookup.
    return parseKey(token) ? revokeLeakedKey(token, leak, ctx) : "false_positive";
  }
  if (LEGACY_KEY_PATTERN.test(token)) return revokeLeakedKey(token, leak, ctx, { legacy: true });
  return "false_positive";
}

async function revokeLeakedKey(
  token: string,
  leak: LeakDetails,
  ctx: LeakContext,
  opts: { legacy?: boolean } = {},
): Promise<LeakLabel> {
  const digest = digestSecret(token);
  const found = await findKeyBySecretDigest(digest);
  if (!found || !found.live || (opts.legacy && !found.legacy)) return "false_positive";
  const result = await revokeKeyById(found.keyId, ctx.actor, {
    reason: "leaked",
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    leak,
    liveDigest: digest,
    onRevoked: async (tx, key, org) => {
      const creator = await findUserById(key.createdBy, tx);
      if (!creator) return;
      await queueLeakNotice(
        tx,
        keyLeakMail({
          to: creator.email,
          keyName: key.name,
          masked: maskedKey(maskParts(token)),
          orgName: org.name,
          leak,
        }),
        { orgId: key.orgId, credential: `api_key:${key.id}` },
      );
    },
  });
  return result.outcome === "revoked" ? "true_positive" : "false_positive";
}

async function revokeLeakedClient(
  token: string,
  leak: LeakDetails,
  ctx: LeakContext,
): Promise<LeakLabel> {
  return getDb().transaction(async (tx) => {
    const client = await lockOAuthClientBySecretHash(tx, digestSecret(token));
    if (!client || client.revokedAt) return "false_positive";
    await revokeClient(
      tx,
      client,
      { orgId: client.orgId, actor: ctx.actor, ip: ctx.ip, userAgent: ctx.userAgent },
      {
        changes: { reason: "leaked", leak },
        description: `Revoked OAuth client ${client.name} (its secret leaked)`,
      },
    );
    const admins = (await listMembers(client.orgId, tx)).filter((m) => isAdmin(m.role));
    for (const admin of admins) {
      await queueLeakNotice(
        tx,
        clientLeakMail({
          to: admin.email,
          clientName: client.name,
          clientId: client.clientId,
          orgName: client.orgName,
          leak,
        }),
        { orgId: client.orgId, credential: `oauth_client:${client.id}` },
      );
    }
    return "true_positive";
  });
}
