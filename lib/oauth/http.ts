import { readBoundedBody } from "@/lib/http/bounded-body";
import { rateLimitHeaders, type RateLimitState } from "@/lib/rate-limit";
import { errorBody } from "@/lib/http/error-body";

export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "invalid_scope";

// RFC 6749 §5.1: responses carrying tokens or credentials must not be cached.
export const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" } as const;

export const BASIC_CHALLENGE = 'Basic realm="latchkey"';

export class OAuthError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    readonly description: string,
    readonly status = 400,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
}

const JSON_NO_STORE = { "Content-Type": "application/json", ...NO_STORE };

/** A JSON answer that is never cached; headers as a plain object, which the server writes as is. */
export function oauthJson(body: unknown, status = 200, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: headers ? { ...JSON_NO_STORE, ...headers } : JSON_NO_STORE,
  });
}

export function oauthErrorResponse(error: OAuthError): Response {
  return oauthJson(errorBody(error.code, error.description), error.status, error.headers);
}

export function rateLimitedResponse(state: RateLimitState): Response {
  return oauthJson(
    errorBody("rate_limited", "Too many failed client authentications. Try again later."),
    429,
    rateLimitHeaders(state),
  );
}

/** RFC 6749's temporarily_unavailable: the database cannot be reached, so nothing is decided. */
export function temporarilyUnavailableResponse(): Response {
  return oauthJson(
    errorBody(
      "temporarily_unavailable",
      "The service is temporarily unavailable. Try again shortly.",
    ),
    503,
    { "Retry-After": "5" },
  );
}

export function methodNotAllowed(): Response {
  return oauthJson(errorBody("invalid_request", "Use POST."), 405, { Allow: "POST" });
}

const MAX_BODY_BYTES = 8 * 1024;
const utf8 = new TextDecoder();
const CREDENTIAL_PARAMS = ["client_id", "client_secret", "client_assertion"];

/**
 * The form body of an OAuth endpoint request (RFC 6749 §3.2): form-encoded, small, each parameter
 * at most once, credentials never in the URL where logs and proxies would keep them.
 */
export async function readOAuthForm(request: Request): Promise<Map<string, string>> {
  // Most requests have no query string at all: only then is the URL parsed.
  const query = request.url.includes("?") ? new URL(request.url).searchParams : null;
  if (query && CREDENTIAL_PARAMS.some((p) => query.has(p))) {
    throw new OAuthError(
      "invalid_request",
      "Client credentials must not be sent in the URL query string.",
    );
  }
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    throw new OAuthError(
      "invalid_request",
      "The request body must be application/x-www-form-urlencoded.",
    );
  }
  const bytes = await readBoundedBody(request, MAX_BODY_BYTES);
  if (!bytes) {
    throw new OAuthError(
      "invalid_request",
      `The request body is too large: at most ${MAX_BODY_BYTES} bytes.`,
      413,
    );
  }
  // Form bodies are UTF-8 (WHATWG URL); URLSearchParams replaces invalid sequences.
  const text = utf8.decode(bytes);
  const form = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(text)) {
    if (form.has(key)) {
      throw new OAuthError("invalid_request", `The parameter ${key} must not be repeated.`);
    }
    form.set(key, value);
  }
  return form;
}
