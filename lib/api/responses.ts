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

/** RFC 6750 §3: no credentials at all — a challenge without an error code. */
export function missingCredentials() {
  return json(
    { error: "unauthorized", error_description: "Send an API key as Authorization: Bearer." },
    401,
    { "WWW-Authenticate": REALM },
  );
}

export function invalidToken(description = "The API key is invalid, revoked or expired.") {
  return json({ error: "invalid_token", error_description: description }, 401, {
    "WWW-Authenticate": `${REALM}, error="invalid_token", error_description="${description}"`,
  });
}

export function insufficientScope(api: string) {
  const description = `This credential has no access to the ${api} API.`;
  return json({ error: "insufficient_scope", error_description: description, scope: api }, 403, {
    "WWW-Authenticate": `${REALM}, error="insufficient_scope", scope="${api}"`,
  });
}

export function planRequired() {
  return json(
    {
      error: "insufficient_scope",
      error_description: "API keys are only available for Enterprise customers.",
    },
    403,
    { "WWW-Authenticate": `${REALM}, error="insufficient_scope"` },
  );
}

/** 429 for an address over its budget of failed verifications (lib/api/key-failures.ts). */
export function tooManyFailures(state: RateLimitState) {
  const wait = state.resetSeconds;
  return json(
    {
      error: "rate_limited",
      error_description: `Too many failed attempts from this address. Try again in ${wait} second${wait === 1 ? "" : "s"}.`,
    },
    429,
    rateLimitHeaders(state),
  );
}

export function invalidRequest(description: string, fields?: Record<string, string[]>) {
  return json(
    { error: "invalid_request", error_description: description, ...(fields ? { fields } : {}) },
    400,
  );
}

export function payloadTooLarge(limit: number) {
  return json(
    { error: "payload_too_large", error_description: `The body must be at most ${limit} bytes.` },
    413,
  );
}

export function unsupportedMediaType() {
  return json(
    {
      error: "unsupported_media_type",
      error_description: "Send the body as JSON with Content-Type: application/json.",
    },
    415,
  );
}

/** What a caller refused for an unreachable database is told to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

/** The database cannot be reached: nothing was decided, so nothing is accepted. */
export function serviceUnavailable() {
  return json(
    {
      error: "temporarily_unavailable",
      error_description: "The service is temporarily unavailable. Try again shortly.",
    },
    503,
    { "Retry-After": String(RETRY_AFTER_SECONDS) },
  );
}

export function serverError() {
  return json({ error: "server_error", error_description: "Something went wrong." }, 500);
}
