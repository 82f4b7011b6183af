import "server-only";
import { findOAuthClientForAccessToken } from "@/db/queries/oauth-clients";
import { isApiId, type ApiId } from "@/lib/api-catalogue";
import type { OAuthClientPrincipal } from "@/lib/api/principal";
import { nowMs } from "@/lib/clock";
import { recordUsage } from "@/lib/usage/record";
import { checkAccessTokenSignature, type AccessTokenClaims } from "./access-token";
import { noteClientUsed } from "./last-used";

/**
 * Verifies an access token for the public API. The signature, typ, iss, aud and exp are checked
 * locally; then one query confirms the client is active, its organization still Enterprise and
 * the token not revoked, so revocations take effect on every instance at once. Records the use.
 */
export async function verifyAccessToken(
  token: string,
  meta: { ip?: string | null; userAgent?: string | null; issuer?: string } = {},
): Promise<OAuthClientPrincipal | null> {
  const checked = await checkAccessToken(token, meta);
  return checked.ok ? checked.principal : null;
}

export type AccessTokenCheck =
  { ok: true; principal: OAuthClientPrincipal } | { ok: false; description?: string };

/** As verifyAccessToken, saying why when the token or its client has expired. */
export async function checkAccessToken(
  token: string,
  meta: { ip?: string | null; userAgent?: string | null; issuer?: string } = {},
): Promise<AccessTokenCheck> {
  const resolved = await resolveAccessToken(token, meta);
  if (!resolved.ok) return resolved;
  await noteClientUsed(resolved.client, {
    ip: meta.ip ?? null,
    userAgent: meta.userAgent ?? null,
  });
  return { ok: true, principal: resolved.principal };
}

/**
 * checkAccessToken without recording the use: for callers that still check the client's access
 * rules (IP allowlist, rate limit) and record the use only if the request is admitted.
 */
export async function resolveAccessToken(token: string, meta: { issuer?: string } = {}) {
  const checked = await checkAccessTokenSignature(token, { issuer: meta.issuer });
  if (!checked) return { ok: false } as const;
  if ("expired" in checked) {
    return { ok: false, description: "The access token has expired." } as const;
  }
  const { claims } = checked;
  const state = await clientStateOf(claims);
  if (!state) return { ok: false } as const;
  const { row: live, refusal } = state;
  if (refusal) {
    recordUsage({ kind: "oauth_client", orgId: claims.org, credentialId: live.id }, refusal);
    if (refusal !== "expired") return { ok: false } as const;
    return {
      ok: false,
      description: `The OAuth client expired on ${live.expiresAt!.toISOString()}.`,
    } as const;
  }
  const principal: OAuthClientPrincipal = {
    kind: "oauth_client",
    orgId: claims.org,
    apis: currentScope(claims, live),
    credentialId: live.id,
    name: live.name,
    userId: null,
    actor: { type: "oauth_client", id: live.id, name: live.name },
    org: { id: claims.org, name: live.orgName, slug: live.orgSlug },
    user: null,
  };
  return { ok: true, principal, client: live } as const;
}

/**
 * The client behind still-valid claims, or null when the client is revoked or expired, its secret
 * rotated since the token was issued (or the overlap that kept the previous secret alive has
 * ended), its organization downgraded or the token's jti revoked.
 */
export async function liveClientOf(claims: AccessTokenClaims) {
  const state = await clientStateOf(claims);
  return state && !state.refusal ? state.row : null;
}

async function clientStateOf(claims: AccessTokenClaims) {
  const row = await findOAuthClientForAccessToken(claims.org, claims.client_id, claims.jti);
  return row ? { row, refusal: refusalOf(claims, row) } : null;
}

/** Why a token with a valid signature is refused now, or null when it is good. */
function refusalOf(
  claims: AccessTokenClaims,
  row: {
    revokedAt: Date | null;
    expiresAt: Date | null;
    plan: string;
    jtiRevoked: boolean;
    secretGeneration: number;
    previousSecretLive: boolean;
  },
): "expired" | "revoked" | "plan_required" | null {
  // Expired while still live (not revoked before its expiry): refused like a revoked client, but
  // the caller is told why. Tokens never outlive their client's expiry; this also covers an expiry
  // brought forward after the token was issued.
  const expiresAt = row.expiresAt?.getTime();
  if (
    expiresAt !== undefined &&
    expiresAt <= nowMs() &&
    (!row.revokedAt || row.revokedAt.getTime() >= expiresAt)
  ) {
    return "expired";
  }
  if (row.revokedAt || row.jtiRevoked) return "revoked";
  // Tokens issued before the claim existed count as generation 0: they live until the first
  // rotation, as they did before. A rotation ends the tokens of the old secret (revoked), unless
  // they were issued under the secret an overlap rotation keeps alive: those die with it.
  const generation = claims.sgen ?? 0;
  const current =
    generation === row.secretGeneration ||
    (generation === row.secretGeneration - 1 && row.previousSecretLive);
  if (!current) return "revoked";
  if (row.plan !== "enterprise") return "plan_required";
  return null;
}

/** The token's scope as it stands now: never beyond the client's current APIs. */
export function currentScope(claims: AccessTokenClaims, live: { apis: string[] }): ApiId[] {
  return claims.scope.split(" ").filter((s): s is ApiId => isApiId(s) && live.apis.includes(s));
}
