import { apiError } from "@/lib/api/responses";
import { RATE_LIMIT_WINDOW_SECONDS, type RateLimitOutcome } from "./rate-limit";

export type CredentialKind = "api_key" | "oauth_client";
const noun = (kind: CredentialKind) => (kind === "api_key" ? "API key" : "OAuth client");

/** The policy's name in RateLimit-Policy and RateLimit, which tie the two fields together. */
const POLICY = '"per-minute"';

/**
 * RateLimit-Policy and RateLimit as draft-ietf-httpapi-ratelimit-headers-11 defines them
 * (Structured Field lists: `"name";q=quota;w=window` and `"name";r=remaining;t=seconds`).
 */
export function rateLimitHeaders(outcome: RateLimitOutcome): Record<string, string> {
  return {
    "RateLimit-Policy": `${POLICY};q=${outcome.limit};w=${RATE_LIMIT_WINDOW_SECONDS}`,
    RateLimit: `${POLICY};r=${outcome.remaining};t=${outcome.resetSeconds}`,
  };
}

export function ipNotAllowed(kind: CredentialKind, ip: string | null) {
  const description = ip
    ? `Requests from ${ip} are not allowed for this ${noun(kind)}: the address is not on its IP allowlist.`
    : `This ${noun(kind)} only accepts requests from the addresses on its IP allowlist, and the caller's address is unknown.`;
  return apiError(403, "ip_not_allowed", description, { more: { ip } });
}

export function credentialRateLimited(kind: CredentialKind, outcome: RateLimitOutcome) {
  return apiError(
    429,
    "rate_limited",
    `This ${noun(kind)} is limited to ${outcome.limit} requests per minute. Try again in ${outcome.resetSeconds} seconds.`,
    // Retry-After must not point before the end of the effective window (draft §6): it is that end.
    { headers: { "Retry-After": String(outcome.resetSeconds), ...rateLimitHeaders(outcome) } },
  );
}
