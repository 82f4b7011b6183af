import { z } from "zod";

const oauthEnv = z.object({
  OAUTH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
  APP_URL: z.url().optional(),
});

let cached: z.infer<typeof oauthEnv> | undefined;

function config() {
  cached ??= oauthEnv.parse({
    OAUTH_TOKEN_TTL_SECONDS: process.env.OAUTH_TOKEN_TTL_SECONDS || undefined,
    APP_URL: process.env.APP_URL || undefined,
  });
  return cached;
}

export function tokenTtlSeconds(): number {
  return config().OAUTH_TOKEN_TTL_SECONDS;
}

/** APP_URL when configured (stable behind proxies), otherwise the origin the request reached. */
export function issuerFor(request: Request): string {
  const configured = config().APP_URL;
  if (configured) return new URL(configured).origin;
  return new URL(request.url).origin;
}

/**
 * Cache-Control for a document that names the origin (metadata, the OpenAPI document): public
 * when the origin is the configured APP_URL; otherwise it was taken from the request's Host
 * header, and a shared cache must not hand one caller's Host to everyone.
 */
export function originDocumentCacheControl(maxAgeSeconds: number): string {
  return config().APP_URL ? `public, max-age=${maxAgeSeconds}` : "no-store";
}

export function configuredIssuer(): string | undefined {
  const configured = config().APP_URL;
  return configured ? new URL(configured).origin : undefined;
}

/** Access tokens are for the public API only; resource servers check this audience. */
export function audienceFor(issuer: string): string {
  return `${issuer}/api/v1`;
}

export const ACCESS_TOKEN_TYPE = "at+jwt";
export const SIGNING_ALG = "ES256";
