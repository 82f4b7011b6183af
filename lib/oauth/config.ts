import { env } from "@/lib/env";
import { configuredOrigin, publicOrigin } from "@/lib/http/public-origin";

export function tokenTtlSeconds(): number {
  return env().OAUTH_TOKEN_TTL_SECONDS;
}

/** The issuer: the public origin (lib/http/public-origin.ts) as this request reached it. */
export function issuerFor(request: Request): string {
  return publicOrigin(request.url);
}

/**
 * Cache-Control for a document that names the origin (metadata, the OpenAPI document): public
 * when the origin is configured; otherwise it was taken from the request's Host header, and a
 * shared cache must not hand one caller's Host to everyone.
 */
export function originDocumentCacheControl(maxAgeSeconds: number): string {
  return configuredOrigin() ? `public, max-age=${maxAgeSeconds}` : "no-store";
}

export function configuredIssuer(): string | undefined {
  return configuredOrigin();
}

/** Access tokens are for the public API only; resource servers check this audience. */
export function audienceFor(issuer: string): string {
  return `${issuer}/api/v1`;
}

export const ACCESS_TOKEN_TYPE = "at+jwt";
export const SIGNING_ALG = "ES256";
