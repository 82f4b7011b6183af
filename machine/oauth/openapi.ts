import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { apiIds } from "@/lib/api-catalogue";
import { oauthErrorSchema } from "@/machine/openapi/errors";

export const CLIENT_BASIC_SCHEME = "clientSecretBasic";

export const clientSecretBasicScheme = {
  type: "http" as const,
  scheme: "basic",
  description:
    "client_secret_basic (RFC 6749 §2.3.1): the form-urlencoded client_id and client_secret as HTTP Basic credentials. Alternatively send both in the form body (client_secret_post).",
};

const clientPost = {
  client_id: z.uuid().optional().meta({ description: "client_secret_post only." }),
  client_secret: z.string().optional().meta({ description: "client_secret_post only." }),
};

const tokenRequest = z.object({
  grant_type: z.literal("client_credentials"),
  scope: z
    .string()
    .optional()
    .meta({
      description: `Space-separated APIs, a subset of the client's (${apiIds.join(", ")}); by default all of them.`,
      example: "data reports",
    }),
  ...clientPost,
});

const tokenResponse = z
  .object({
    access_token: z
      .string()
      .meta({ description: "An ES256 JWT; verify it with /.well-known/jwks.json." }),
    token_type: z.literal("Bearer"),
    expires_in: z.int(),
    scope: z.string(),
  })
  .meta({ id: "TokenResponse" });

const tokenParam = z.object({ token: z.string(), ...clientPost });

const introspection = z
  .object({
    active: z.boolean(),
    scope: z.string().optional(),
    client_id: z.string().optional(),
    token_type: z.literal("Bearer").optional(),
    exp: z.int().optional(),
    iat: z.int().optional(),
    sub: z.string().optional(),
    aud: z.string().optional(),
    iss: z.string().optional(),
    jti: z.string().optional(),
  })
  .meta({ id: "Introspection" });

const form = (schema: z.ZodType) => ({
  required: true,
  content: { "application/x-www-form-urlencoded": { schema } },
});

const oauthError = (description: string) => ({
  description,
  content: { "application/json": { schema: oauthErrorSchema } },
});

const clientErrors = {
  400: oauthError("RFC 6749 §5.2: invalid_request, unsupported_grant_type, invalid_scope, …"),
  401: oauthError("invalid_client; with WWW-Authenticate when Basic authentication was used."),
  403: oauthError("ip_not_allowed: the caller's address is not on the client's IP allowlist."),
  405: oauthError("Only POST is allowed."),
  429: oauthError(
    "rate_limited: too many failed client authentications, or the client is over its requests-per-minute limit (with RateLimit-Policy and RateLimit); see Retry-After.",
  ),
};

// Client authentication: Basic, or (the empty requirement) client_secret_post in the body.
const clientAuth: Record<string, string[]>[] = [{ [CLIENT_BASIC_SCHEME]: [] }, {}];

/** The authorization server endpoints that buy and manage access tokens. */
export function registerOAuthOperations(registry: OpenAPIRegistry) {
  registry.registerPath({
    method: "post",
    path: "/api/oauth/token",
    operationId: "issueToken",
    summary: "Get an access token (client credentials)",
    description:
      "RFC 6749 §4.4. The form body only; credentials in the query string are refused. No refresh token is issued.",
    tags: ["OAuth"],
    security: clientAuth,
    request: { body: form(tokenRequest) },
    responses: {
      200: {
        description: "The access token (Cache-Control: no-store).",
        content: { "application/json": { schema: tokenResponse } },
      },
      ...clientErrors,
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/oauth/revoke",
    operationId: "revokeToken",
    summary: "Revoke an access token",
    description: "RFC 7009: answers 200 whatever the token, even an unknown one.",
    tags: ["OAuth"],
    security: clientAuth,
    request: { body: form(tokenParam) },
    responses: { 200: { description: "Done (or nothing to do)." }, ...clientErrors },
  });
  registry.registerPath({
    method: "post",
    path: "/api/oauth/introspect",
    operationId: "introspectToken",
    summary: "Introspect an access token",
    description:
      'RFC 7662: `{ "active": false }` alone for a token that is not active or not of the calling client\'s organization.',
    tags: ["OAuth"],
    security: clientAuth,
    request: { body: form(tokenParam) },
    responses: {
      200: {
        description: "The token's state.",
        content: { "application/json": { schema: introspection } },
      },
      ...clientErrors,
    },
  });
}
