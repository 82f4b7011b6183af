import "server-only";
import { findOAuthClientForAccessToken } from "@/db/queries/oauth-clients";
import { isApiId, type ApiId } from "@/lib/api-catalogue";
import { recordUsage } from "@/lib/usage/record";
import { verifyAccessTokenSignature, type AccessTokenClaims } from "./access-token";
import { noteClientUsed } from "./last-used";

export type AccessTokenPrincipal = {
  kind: "oauth_client";
  orgId: string;
  apis: ApiId[];
  credentialId: string;
  name: string;
  userId: null;
  actor: { type: "oauth_client"; id: string; name: string };
  org: { id: string; name: string; slug: string };
  user: null;
};

/**
 * Verifies an access token for the public API. The signature, typ, iss, aud and exp are checked
 * locally; then one query confirms the client is active, its organization still Enterprise and
 * the token not revoked, so revocations take effect on every instance at once.
 */
export async function verifyAccessToken(
  token: string,
  meta: { ip?: string | null; userAgent?: string | null; issuer?: string } = {},
): Promise<AccessTokenPrincipal | null> {
  const claims = await verifyAccessTokenSignature(token, { issuer: meta.issuer });
  if (!claims) return null;
  const live = await findOAuthClientForAccessToken(claims.org, claims.client_id, claims.jti);
  if (!live) return null;
  const refusal = refusalOf(claims, live);
  if (refusal) {
    recordUsage({ kind: "oauth_client", orgId: claims.org, credentialId: live.id }, refusal);
    return null;
  }
  // At most once a minute per client, so awaiting costs little.
  await noteClientUsed(live, { ip: meta.ip ?? null, userAgent: meta.userAgent ?? null });
  const apis = currentScope(claims, live);
  return {
    kind: "oauth_client",
    orgId: claims.org,
    apis,
    credentialId: live.id,
    name: live.name,
    userId: null,
    actor: { type: "oauth_client", id: live.id, name: live.name },
    org: { id: claims.org, name: live.orgName, slug: live.orgSlug },
    user: null,
  };
}

/**
 * The client behind still-valid claims, or null when the client is revoked, its secret rotated
 * since the token was issued, its organization downgraded or the token's jti revoked.
 */
export async function liveClientOf(claims: AccessTokenClaims) {
  const row = await findOAuthClientForAccessToken(claims.org, claims.client_id, claims.jti);
  return row && !refusalOf(claims, row) ? row : null;
}

/** Why a token with a valid signature is refused now, or null when it is good. */
function refusalOf(
  claims: AccessTokenClaims,
  row: { revokedAt: Date | null; plan: string; jtiRevoked: boolean; secretGeneration: number },
): "revoked" | "plan_required" | null {
  if (row.revokedAt || row.jtiRevoked) return "revoked";
  // Tokens issued before the claim existed count as generation 0: they live until the first
  // rotation, as they did before. A rotation ends the tokens of the old secret: revoked.
  if ((claims.sgen ?? 0) !== row.secretGeneration) return "revoked";
  if (row.plan !== "enterprise") return "plan_required";
  return null;
}

/** The token's scope as it stands now: never beyond the client's current APIs. */
export function currentScope(claims: AccessTokenClaims, live: { apis: string[] }): ApiId[] {
  return claims.scope.split(" ").filter((s): s is ApiId => isApiId(s) && live.apis.includes(s));
}
