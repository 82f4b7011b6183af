import "server-only";
import { findCredentialByDigest } from "@/db/queries/credential-lookup";
import { enforceAccessRules } from "@/lib/access/enforce";
import { isApiId, type ApiId } from "@/lib/api-catalogue";
import { nowMs } from "@/lib/clock";
import { clientIp } from "@/lib/http/client-ip";
import { noteClientUsed } from "@/lib/oauth/last-used";
import { resolveAccessToken } from "@/lib/oauth/verify-access-token";
import { LEGACY_KEY_PATTERN, digestSecret, looksLikeKey, parseKey } from "@/lib/secrets/prefixed";
import { recordUsage } from "@/lib/usage/record";
import { limitKeyFailures } from "./key-failures";
import { noteKeyUsed } from "./last-used";
import type { Principal } from "./principal";
import { invalidToken, missingCredentials, planRequired } from "./responses";

export type VerifyResult =
  | {
      ok: true;
      principal: Principal;
      /** Rate-limit headers for the response, when the credential has a limit. */
      headers: Record<string, string>;
    }
  | { ok: false; response: Response };

const MAX_TOKEN_LENGTH = 4096;
const JWT_PATTERN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** The presented credential: `Authorization: Bearer <token>` or `X-API-Key: <token>`. */
export function presentedToken(headers: Headers): string | null {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
    return match ? match[1]! : "";
  }
  const apiKey = headers.get("x-api-key");
  return apiKey === null ? null : apiKey.trim();
}

/**
 * The one verification path of every public route. Refusals that can be pinned on a known
 * credential are counted here; the caller counts the rest (scope, success) with recordUsage.
 */
export async function verifyRequest(request: Request): Promise<VerifyResult> {
  const token = presentedToken(request.headers);
  if (token === null) return { ok: false, response: missingCredentials() };
  if (!token || token.length > MAX_TOKEN_LENGTH) return fail();

  if (looksLikeKey(token)) {
    // Checked locally first: a mistyped key costs no database query.
    if (!parseKey(token)) return fail("The API key is malformed or its checksum does not match.");
    return limitKeyFailures(clientIp(request.headers), () => verifyKey(token, request));
  }

  if (JWT_PATTERN.test(token)) {
    const resolved = await resolveAccessToken(token);
    if (!resolved.ok) return fail(resolved.description);
    const { client, principal } = resolved;
    // A token is no way around its client's rules: they are checked against this caller.
    const ip = clientIp(request.headers);
    const access = await enforceAccessRules(
      {
        kind: "oauth_client",
        id: client.id,
        ipAllowlist: client.ipAllowlist,
        rateLimitPerMinute: client.rateLimitPerMinute,
      },
      ip,
    );
    if (!access.ok) {
      recordUsage(
        { kind: "oauth_client", orgId: principal.orgId, credentialId: client.id },
        access.reason,
      );
      return access;
    }
    await noteClientUsed(client, { ip, userAgent: request.headers.get("user-agent") });
    return { ok: true, principal, headers: access.headers };
  }

  // Keys imported from the earlier system have no checksum; they are looked up by digest only.
  if (LEGACY_KEY_PATTERN.test(token)) {
    return limitKeyFailures(clientIp(request.headers), () =>
      verifyKey(token, request, { legacyOnly: true }),
    );
  }
  return fail();
}

async function verifyKey(
  token: string,
  request: Request,
  opts: { legacyOnly?: boolean } = {},
): Promise<VerifyResult> {
  const row = await findCredentialByDigest(digestSecret(token));
  if (!row || (opts.legacyOnly && !row.legacy)) return fail();
  const credential = { kind: "api_key", orgId: row.orgId, credentialId: row.keyId } as const;
  if (expiredWhileLive(row)) {
    recordUsage(credential, "expired");
    return fail(`The API key expired on ${row.expiresAt!.toISOString()}.`);
  }
  if (!row.secretLive || row.status !== "active") {
    recordUsage(credential, overlapEnded(row) ? "expired" : "revoked");
    return fail();
  }
  // The key acts as its creator: no current membership, no access.
  if (!row.role) {
    recordUsage(credential, "invalid");
    return fail("The user who created this API key is no longer a member.");
  }
  if (row.plan !== "enterprise") {
    recordUsage(credential, "plan_required");
    return { ok: false, response: planRequired() };
  }
  const ip = clientIp(request.headers);
  const access = await enforceAccessRules(
    {
      kind: "api_key",
      id: row.keyId,
      ipAllowlist: row.ipAllowlist,
      rateLimitPerMinute: row.rateLimitPerMinute,
    },
    ip,
  );
  if (!access.ok) {
    recordUsage(credential, access.reason);
    return access;
  }
  noteKeyUsed(row.keyId, { ip, userAgent: request.headers.get("user-agent") });
  return {
    ok: true,
    headers: access.headers,
    principal: {
      kind: "api_key",
      orgId: row.orgId,
      apis: row.apis.filter(isApiId) as ApiId[],
      credentialId: row.keyId,
      name: row.keyName,
      userId: row.userId,
      actor: { type: "api_key", id: row.keyId, email: row.userEmail, name: row.keyName },
      org: { id: row.orgId, name: row.orgName, slug: row.orgSlug },
      user: { id: row.userId, email: row.userEmail, name: row.userName },
    },
  };
}

/**
 * Expired, and this secret still worked when the key expired: an expired key is refused like a
 * revoked one, but says why. A secret that had already been replaced or revoked says nothing more.
 */
function expiredWhileLive(row: {
  expiresAt: Date | null;
  secretRevokedAt: Date | null;
  secretExpiresAt: Date | null;
}) {
  const expiresAt = row.expiresAt?.getTime();
  if (expiresAt === undefined || expiresAt > nowMs()) return false;
  return (
    (!row.secretRevokedAt || row.secretRevokedAt.getTime() >= expiresAt) &&
    (!row.secretExpiresAt || row.secretExpiresAt.getTime() > expiresAt)
  );
}

/** A previous secret whose overlap ran out on a key still active: expired, not revoked. */
function overlapEnded(row: {
  status: string;
  secretRevokedAt: Date | null;
  secretExpiresAt: Date | null;
}) {
  return (
    row.status === "active" &&
    !row.secretRevokedAt &&
    row.secretExpiresAt !== null &&
    row.secretExpiresAt.getTime() <= nowMs()
  );
}

function fail(description?: string): VerifyResult {
  return { ok: false, response: invalidToken(description) };
}
