import "server-only";
import { insertRevokedToken, purgeExpiredRevokedTokens } from "@/db/queries/oauth-revoked-tokens";
import { verifyAccessTokenSignature } from "./access-token";
import { authenticateClient } from "./client-auth";
import { NO_STORE, OAuthError, oauthJson } from "./http";
import { handleOAuthRequest } from "./token-endpoint";
import { currentScope, liveClientOf } from "./verify-access-token";

/**
 * POST /api/oauth/revoke (RFC 7009). Answers 200 whatever the token, so the endpoint reveals
 * nothing about tokens; only a token issued to the calling client is actually revoked.
 */
export function revocationEndpoint(request: Request): Promise<Response> {
  return handleOAuthRequest(request, async (form) => {
    const token = form.get("token");
    if (!token) throw new OAuthError("invalid_request", "token is required.");
    const { client } = await authenticateClient(request, form);
    const claims = await verifyAccessTokenSignature(token);
    if (claims && claims.client_id === client.clientId && claims.org === client.orgId) {
      await insertRevokedToken({
        jti: claims.jti,
        clientId: client.id,
        expiresAt: new Date(claims.exp * 1000),
      });
      // Entries are useless once their token has expired; revocations are rare, so they clean up.
      await purgeExpiredRevokedTokens();
    }
    return new Response(null, { status: 200, headers: NO_STORE });
  });
}

/**
 * POST /api/oauth/introspect (RFC 7662). Clients may introspect tokens of their own organization
 * only; anything else is simply inactive.
 */
export function introspectionEndpoint(request: Request): Promise<Response> {
  return handleOAuthRequest(request, async (form) => {
    const token = form.get("token");
    if (!token) throw new OAuthError("invalid_request", "token is required.");
    const { client } = await authenticateClient(request, form);
    const inactive = () => oauthJson({ active: false });
    const claims = await verifyAccessTokenSignature(token);
    if (!claims || claims.org !== client.orgId) return inactive();
    const live = await liveClientOf(claims);
    if (!live) return inactive();
    return oauthJson({
      active: true,
      scope: currentScope(claims, live).join(" "),
      client_id: claims.client_id,
      token_type: "Bearer",
      exp: claims.exp,
      iat: claims.iat,
      sub: claims.sub,
      aud: claims.aud,
      iss: claims.iss,
      jti: claims.jti,
    });
  });
}
