import "server-only";
import { findOAuthClientForAuthentication } from "@/db/queries/oauth-clients";
import { enforceAccessRules } from "@/lib/access/enforce";
import { nowMs } from "@/lib/clock";
import { clientIp } from "@/lib/http/client-ip";
import {
  consume,
  currentWindowStart,
  peek,
  statesFromCounts,
  type RateLimitState,
} from "@/lib/rate-limit";
import { SpentBudgets } from "@/lib/rate-limit/spent";
import { recordUsage, type UsageCredential } from "@/lib/usage/record";
import { digestsEqual, digestSecret, isWellFormedClientSecret } from "@/lib/secrets/prefixed";
import { BASIC_CHALLENGE, OAuthError } from "./http";

export const CLIENT_FAILURE_LIMIT = 10;
export const IP_FAILURE_LIMIT = 50;
export const FAILURE_WINDOW_SECONDS = 60;
const CLIENT_IP_PREFIX = "oauth-auth:client-ip:";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Budgets seen spent by this process; a (client ID, IP) budget notes the client, so a refusal
// from memory still counts in its usage.
const spent = new SpentBudgets<UsageCredential>(FAILURE_WINDOW_SECONDS);
const noteSpent = (state: RateLimitState, client: { id: string; orgId: string } | undefined) =>
  spent.remember(
    state,
    client && state.key.startsWith(CLIENT_IP_PREFIX) ? clientCredential(client) : undefined,
  );

type Presented = { clientId: string; clientSecret: string; method: "basic" | "post" };

export class RateLimitedError extends Error {
  constructor(readonly state: RateLimitState) {
    super("rate limited");
  }
}

/** An authenticated client refused by its access rules (IP allowlist, rate limit). */
export class AccessRefusedError extends Error {
  constructor(readonly response: Response) {
    super("access refused");
  }
}

function decodeComponent(value: string): string | null {
  try {
    // RFC 6749 §2.3.1: each part is form-urlencoded before Basic encoding.
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return null;
  }
}

function presentedCredentials(request: Request, form: Map<string, string>): Presented {
  const header = request.headers.get("authorization");
  const inBody = form.has("client_id") || form.has("client_secret");
  if (header) {
    const match = /^Basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(header);
    if (!match) {
      throw new OAuthError("invalid_client", "Unsupported client authentication.", 401, {
        "WWW-Authenticate": BASIC_CHALLENGE,
      });
    }
    if (inBody && form.has("client_secret")) {
      throw new OAuthError("invalid_request", "Use only one client authentication method.");
    }
    const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    const id = colon >= 0 ? decodeComponent(decoded.slice(0, colon)) : null;
    const secret = colon >= 0 ? decodeComponent(decoded.slice(colon + 1)) : null;
    if (!id || secret === null) {
      throw new OAuthError("invalid_client", "Malformed Basic credentials.", 401, {
        "WWW-Authenticate": BASIC_CHALLENGE,
      });
    }
    const bodyId = form.get("client_id");
    if (bodyId !== undefined && bodyId !== id) {
      throw new OAuthError("invalid_request", "client_id does not match the Basic credentials.");
    }
    return { clientId: id, clientSecret: secret, method: "basic" };
  }
  const clientId = form.get("client_id");
  const clientSecret = form.get("client_secret");
  if (!clientId || !clientSecret) {
    throw new OAuthError("invalid_client", "Client authentication is required.", 401, {
      "WWW-Authenticate": BASIC_CHALLENGE,
    });
  }
  return { clientId, clientSecret, method: "post" };
}

/**
 * The budgets a failed authentication is counted against: the (client ID, IP) pair and the IP.
 * Never the client ID alone: it is public (every token names it), so a budget per client ID would
 * let anyone lock the real integration out by sending wrong secrets.
 */
function limitKeys(clientId: string, ip: string | null) {
  // Without a known address (never behind the app's own front door) callers share one budget.
  const from = ip ? ip.trim().toLowerCase().slice(0, 64) : "unknown";
  const keys = [{ key: `${CLIENT_IP_PREFIX}${clientId}|${from}`, limit: CLIENT_FAILURE_LIMIT }];
  if (ip) keys.push({ key: `oauth-auth:ip:${from}`, limit: IP_FAILURE_LIMIT });
  return keys;
}

/** The client ID as counted and looked up: one spelling per client, bounded; null if malformed. */
function normalisedClientId(raw: string): string | null {
  const id = raw.trim().toLowerCase();
  return id.length === 36 && UUID.test(id) ? id : null;
}

/**
 * Authenticates the calling client (client_secret_basic or client_secret_post) with its current
 * secret, or the previous one while an overlap rotation keeps it alive. Failures are counted per
 * (client ID, IP) and per IP; a caller over either budget is refused before its secret is even
 * checked, so guessing stops, while the same client calling from elsewhere is unaffected. A caller
 * without failures pays one read and no write. An authenticated client is then held to its access
 * rules (AccessRefusedError: 403 from outside its IP allowlist, 429 over its rate limit).
 */
export async function authenticateClient(request: Request, form: Map<string, string>) {
  const presented = presentedCredentials(request, form);
  const ip = clientIp(request.headers);
  const failed = () =>
    new OAuthError(
      "invalid_client",
      "Client authentication failed.",
      401,
      presented.method === "basic" ? { "WWW-Authenticate": BASIC_CHALLENGE } : {},
    );
  // A malformed id or a secret with a bad checksum can never match: refused without a database
  // query, and without counting, since no guess of that shape can succeed.
  const clientId = normalisedClientId(presented.clientId);
  if (!clientId || !isWellFormedClientSecret(presented.clientSecret)) throw failed();
  const keys = limitKeys(clientId, ip);
  // A caller this process has seen spend a budget is refused from memory, before any query.
  const known = spent.find(keys.map((k) => k.key));
  if (known) {
    if (known.note) recordUsage(known.note, "rate_limited");
    throw new RateLimitedError(known.state);
  }
  // The failure counters ride along with the client lookup: a caller pays one read in total.
  const client = await findOAuthClientForAuthentication(clientId, {
    keys: keys.map((k) => k.key),
    windowStart: currentWindowStart(FAILURE_WINDOW_SECONDS),
  });
  const states = client
    ? statesFromCounts(keys, FAILURE_WINDOW_SECONDS, client.failureCounts)
    : await peek(keys, FAILURE_WINDOW_SECONDS);
  const limited = states.find((s) => s.limited);
  if (limited) {
    if (client) recordUsage(clientCredential(client), "rate_limited");
    noteSpent(limited, client);
    throw new RateLimitedError(limited);
  }

  const presentedHash = digestSecret(presented.clientSecret);
  // Both digests are always compared, so timing does not tell which of the two secrets matched.
  const current = !!client && digestsEqual(client.secretHash, presentedHash);
  const previous =
    !!client?.previousSecretHash &&
    client.previousSecretLive &&
    digestsEqual(client.previousSecretHash, presentedHash);
  const secretMatches = !!client && (current || previous);
  // The right secret of an expired client: refused like a revoked one, but saying why. Not a
  // failed guess, so not counted against the caller.
  const expiresAt = client?.expiresAt?.getTime();
  if (
    secretMatches &&
    expiresAt !== undefined &&
    expiresAt <= nowMs() &&
    (!client.revokedAt || client.revokedAt.getTime() >= expiresAt)
  ) {
    recordUsage(clientCredential(client), "expired");
    throw new OAuthError(
      "invalid_client",
      `The client expired on ${client.expiresAt!.toISOString()}.`,
      401,
      presented.method === "basic" ? { "WWW-Authenticate": BASIC_CHALLENGE } : {},
    );
  }
  if (!client || client.revokedAt || !secretMatches) {
    if (client) recordUsage(clientCredential(client), client.revokedAt ? "revoked" : "invalid");
    const after = await Promise.all(
      keys.map((k) => consume(k.key, k.limit, FAILURE_WINDOW_SECONDS)),
    );
    for (const state of after) noteSpent(state, client);
    const over = after.find((s) => s.count > s.limit);
    if (over) throw new RateLimitedError(over);
    throw failed();
  }
  const access = await enforceAccessRules(
    {
      kind: "oauth_client",
      id: client.id,
      ipAllowlist: client.ipAllowlist,
      rateLimitPerMinute: client.rateLimitPerMinute,
    },
    ip,
  );
  if (!access.ok) {
    recordUsage(clientCredential(client), access.reason);
    throw new AccessRefusedError(access.response);
  }
  return {
    client,
    method: presented.method,
    ip,
    // Tokens bought with the secret an overlap keeps alive belong to its generation and die with it.
    secretGeneration: current ? client.secretGeneration : client.secretGeneration - 1,
    accessHeaders: access.headers,
  };
}

/** What a client's requests are counted against in its usage chart. */
export function clientCredential(client: { id: string; orgId: string }): UsageCredential {
  return { kind: "oauth_client", orgId: client.orgId, credentialId: client.id };
}
