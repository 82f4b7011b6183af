import "server-only";
import {
  findOAuthClientForAccessToken,
  touchOAuthClientLastUsed,
} from "@/db/queries/oauth-clients";
import { isApiId, type ApiId } from "@/lib/api-catalogue";
import { verifyAccessTokenSignature, type AccessTokenClaims } from "./access-token";

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

const LAST_USED_GRANULARITY_MS = 60_000;

/**
 * Verifies an access token for the public API. The signature, typ, iss, aud and exp are checked
 * locally; then one query confirms the client is active, its organization still Enterprise and
 * the token not revoked, so revocations take effect on every instance at once. Records the use.
 */
export async function verifyAccessToken(
  token: string,
  meta: { ip?: string | null; userAgent?: string | null; issuer?: string } = {},
): Promise<AccessTokenPrincipal | null> {
  const resolved = await resolveAccessToken(token, meta);
  if (!resolved) return null;
  await noteClientUsed(resolved.client, meta);
  return resolved.principal;
}

/**
 * verifyAccessToken without recording the use: for callers that still check the client's access
 * rules (IP allowlist, rate limit) and record the use only if the request is admitted.
 */
export async function resolveAccessToken(token: string, meta: { issuer?: string } = {}) {
  const claims = await verifyAccessTokenSignature(token, { issuer: meta.issuer });
  if (!claims) return null;
  const live = await liveClientOf(claims);
  if (!live) return null;
  const principal: AccessTokenPrincipal = {
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
  return { principal, client: live };
}

/** Last use of a client, written at most once a minute. */
export async function noteClientUsed(
  client: { id: string; lastUsedAt: Date | string | null },
  meta: { ip?: string | null; userAgent?: string | null },
) {
  const lastUsed = client.lastUsedAt ? new Date(client.lastUsedAt).getTime() : 0;
  if (Date.now() - lastUsed > LAST_USED_GRANULARITY_MS) {
    // At most once a minute per client, so awaiting costs little; the query itself is guarded
    // too, so instances racing here still write once.
    await touchOAuthClientLastUsed(client.id, {
      ip: meta.ip ?? null,
      userAgent: meta.userAgent ?? null,
    });
  }
}

/**
 * The client behind still-valid claims, or null when the client is revoked, its secret rotated
 * since the token was issued (or the overlap that kept the previous secret alive has ended), its
 * organization downgraded or the token's jti revoked.
 */
export async function liveClientOf(claims: AccessTokenClaims) {
  const row = await findOAuthClientForAccessToken(claims.org, claims.client_id, claims.jti);
  if (!row || row.revokedAt || row.plan !== "enterprise" || row.jtiRevoked) return null;
  // Tokens issued before the claim existed count as generation 0: they live until the first
  // rotation, as they did before.
  const generation = claims.sgen ?? 0;
  if (generation === row.secretGeneration) return row;
  // Issued under the secret an overlap rotation keeps alive: they die with it.
  if (generation === row.secretGeneration - 1 && row.previousSecretLive) return row;
  return null;
}

/** The token's scope as it stands now: never beyond the client's current APIs. */
export function currentScope(claims: AccessTokenClaims, live: { apis: string[] }): ApiId[] {
  return claims.scope.split(" ").filter((s): s is ApiId => isApiId(s) && live.apis.includes(s));
}
