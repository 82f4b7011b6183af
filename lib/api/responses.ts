import { errorBody } from "@/lib/http/error-body";
import { rateLimitHeaders, type RateLimitState } from "@/lib/rate-limit";

const REALM = 'Bearer realm="latchkey"';

const baseHeaders = {
  "Cache-Control": "no-store",
  "Content-Type": "application/json; charset=utf-8",
  "X-Content-Type-Options": "nosniff",
};

/** A JSON answer; headers as a plain object, which the server writes as is. */
export function json(body: unknown, status = 200, headers?: Record<string, string>) {
  return new Response(JSON.stringify(body), {
    status,
    headers: headers ? { ...baseHeaders, ...headers } : baseHeaders,
  });
}

/** A JSON error (lib/http/error-body.ts) with the public API's headers. */
export function apiError(
  status: number,
  error: string,
  description: string,
  options: { more?: Record<string, unknown>; headers?: Record<string, string> } = {},
) {
  return json(errorBody(error, description, options.more), status, options.headers);
}

/** RFC 6750 §3: no credentials at all — a challenge without an error code. */
export function missingCredentials() {
  return apiError(401, "unauthorized", "Send an API key as Authorization: Bearer.", {
    headers: { "WWW-Authenticate": REALM },
  });
}

export function invalidToken(description = "The API key is invalid, revoked or expired.") {
  return apiError(401, "invalid_token", description, {
    headers: {
      "WWW-Authenticate": `${REALM}, error="invalid_token", error_description="${description}"`,
    },
  });
}

export function insufficientScope(api: string) {
  const description = `This credential has no access to the ${api} API.`;
  return apiError(403, "insufficient_scope", description, {
    more: { scope: api },
    headers: { "WWW-Authenticate": `${REALM}, error="insufficient_scope", scope="${api}"` },
  });
}

export function planRequired() {
  return apiError(
    403,
    "insufficient_scope",
    "API keys are only available for Enterprise customers.",
    { headers: { "WWW-Authenticate": `${REALM}, error="insufficient_scope"` } },
  );
}

/** 429 for an address over its budget of failed verifications (lib/api/key-failures.ts). */
export function tooManyFailures(state: RateLimitState) {
  const wait = state.resetSeconds;
  return apiError(
    429,
    "rate_limited",
    `Too many failed attempts from this address. Try again in ${wait} second${wait === 1 ? "" : "s"}.`,
    { headers: rateLimitHeaders(state) },
  );
}

export function invalidRequest(description: string, fields?: Record<string, string[]>) {
  return apiError(400, "invalid_request", description, { more: fields ? { fields } : undefined });
}

export function payloadTooLarge(limit: number) {
  return apiError(413, "payload_too_large", `The body must be at most ${limit} bytes.`);
}

export function unsupportedMediaType() {
  return apiError(
    415,
    "unsupported_media_type",
    "Send the body as JSON with Content-Type: application/json.",
  );
}

/** What a caller refused for an unreachable database is told to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

/** The database cannot be reached: nothing was decided, so nothing is accepted. */
export function serviceUnavailable() {
  return apiError(
    503,
    "temporarily_unavailable",
    "The service is temporarily unavailable. Try again shortly.",
    { headers: { "Retry-After": String(RETRY_AFTER_SECONDS) } },
  );
}

export function serverError() {
  return apiError(500, "server_error", "Something went wrong.");
}
