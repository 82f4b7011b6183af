import "server-only";
import { ipAllowed } from "./ip-allowlist";
import { credentialLimiter } from "./rate-limit";
import {
  credentialRateLimited,
  ipNotAllowed,
  rateLimitHeaders,
  type CredentialKind,
} from "./responses";

/** What the verification lookup row says about where and how often a credential may be used. */
export type AccessRules = {
  kind: CredentialKind;
  /** The key's or client's record id: the rate-limit counter is per credential. */
  id: string;
  ipAllowlist: readonly string[];
  rateLimitPerMinute: number | null;
};

export type AccessDecision =
  | { ok: true; headers: Record<string, string> }
  | { ok: false; reason: "ip_not_allowed" | "rate_limited"; response: Response };

const NO_HEADERS: AccessDecision = { ok: true, headers: {} };

/**
 * The checks a verified credential passes before its request is served: the caller's address on
 * its IP allowlist (403), then one request counted against its rate limit (429). Both rules come
 * from the lookup row verification already read: a credential without a limit costs no further
 * round trip, and refused addresses never use up the credential's budget.
 */
export async function enforceAccessRules(
  rules: AccessRules,
  ip: string | null,
): Promise<AccessDecision> {
  if (!ipAllowed(rules.ipAllowlist, ip)) {
    return { ok: false, reason: "ip_not_allowed", response: ipNotAllowed(rules.kind, ip) };
  }
  if (rules.rateLimitPerMinute === null) return NO_HEADERS;
  const outcome = await credentialLimiter().consume(
    `${rules.kind}:${rules.id}`,
    rules.rateLimitPerMinute,
  );
  if (!outcome.allowed) {
    return {
      ok: false,
      reason: "rate_limited",
      response: credentialRateLimited(rules.kind, outcome),
    };
  }
  return { ok: true, headers: rateLimitHeaders(outcome) };
}

/** A response with the rate-limit headers of an admitted request added. */
export function withAccessHeaders(response: Response, headers: Record<string, string>): Response {
  const entries = Object.entries(headers);
  if (entries.length === 0) return response;
  try {
    for (const [name, value] of entries) response.headers.set(name, value);
    return response;
  } catch {
    // Headers of some responses (e.g. from fetch) are immutable: copy into a new response.
    const copy = new Headers(response.headers);
    for (const [name, value] of entries) copy.set(name, value);
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers: copy,
    });
  }
}
