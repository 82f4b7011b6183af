import "server-only";
import { withinDatabaseDeadline } from "@/db/deadline";
import { isDatabaseUnavailable } from "@/db/unavailable";
import { recordUsage } from "@/lib/usage/record";
import { issueAccessToken } from "./access-token";
import { withAccessHeaders } from "@/lib/access/enforce";
import {
  AccessRefusedError,
  authenticateClient,
  clientCredential,
  RateLimitedError,
} from "./client-auth";
import { issuerFor } from "./config";
import {
  methodNotAllowed,
  NO_STORE,
  OAuthError,
  oauthJson,
  oauthErrorResponse,
  rateLimitedResponse,
  readOAuthForm,
  temporarilyUnavailableResponse,
} from "./http";
import { noteClientUsed } from "./last-used";
import { log } from "@/lib/log";

/**
 * Runs an OAuth endpoint body, turning protocol errors into their RFC 6749 §5.2 responses, and a
 * database that cannot answer (within DATABASE_TIMEOUT_MS) into 503 temporarily_unavailable.
 */
export async function handleOAuthRequest(
  request: Request,
  body: (form: Map<string, string>) => Promise<Response>,
): Promise<Response> {
  try {
    const form = await readOAuthForm(request);
    return await withinDatabaseDeadline(() => body(form));
  } catch (error) {
    if (error instanceof OAuthError) return oauthErrorResponse(error);
    if (error instanceof RateLimitedError) return rateLimitedResponse(error.state);
    if (error instanceof AccessRefusedError) return withAccessHeaders(error.response, NO_STORE);
    if (isDatabaseUnavailable(error)) {
      log.warn({ err: error }, "OAuth request: database unavailable");
      return temporarilyUnavailableResponse();
    }
    log.error({ err: error }, "token endpoint failed");
    return oauthJson(
      { error: "server_error", error_description: "Something went wrong. Please try again." },
      500,
    );
  }
}

/** POST /api/oauth/token: the client credentials grant (RFC 6749 §4.4). */
export function tokenEndpoint(request: Request): Promise<Response> {
  return handleOAuthRequest(request, async (form) => {
    const grantType = form.get("grant_type");
    if (!grantType) throw new OAuthError("invalid_request", "grant_type is required.");
    const { client, ip, secretGeneration, accessHeaders } = await authenticateClient(request, form);
    if (grantType !== "client_credentials") {
      throw new OAuthError(
        "unsupported_grant_type",
        "Only the client_credentials grant is supported.",
      );
    }
    const usage = clientCredential(client);
    if (client.orgPlan !== "enterprise") {
      recordUsage(usage, "plan_required");
      throw new OAuthError(
        "unauthorized_client",
        "API access is an Enterprise feature; this client's organization is not on the Enterprise plan.",
      );
    }
    const requested = form.get("scope");
    let scope = client.apis;
    if (requested !== undefined) {
      const asked = [...new Set(requested.split(" ").filter(Boolean))];
      const unknown = asked.filter((s) => !client.apis.includes(s));
      if (asked.length === 0 || unknown.length > 0) {
        recordUsage(usage, "insufficient_scope");
        throw new OAuthError(
          "invalid_scope",
          asked.length === 0
            ? "The requested scope is empty."
            : `The client is not allowed the scope: ${unknown.join(" ").slice(0, 200)}.`,
        );
      }
      scope = asked;
    }
    const { token, expiresIn } = await issueAccessToken({
      issuer: issuerFor(request),
      clientId: client.clientId,
      orgId: client.orgId,
      scope,
      secretGeneration,
      notAfter: client.expiresAt,
    });
    recordUsage(usage, "succeeded");
    await noteClientUsed(client, { ip, userAgent: request.headers.get("user-agent") });
    return oauthJson(
      {
        access_token: token,
        token_type: "Bearer",
        expires_in: expiresIn,
        scope: scope.join(" "),
      },
      200,
      accessHeaders,
    );
  });
}

export { methodNotAllowed };
