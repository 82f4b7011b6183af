import { readBoundedBody } from "@/lib/http/bounded-body";
import { rateLimitHeaders, type RateLimitState } from "@/lib/rate-limit";

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

export function oauthErrorResponse(error: OAuthError): Response {
  return Response.json(
    { error: error.code, error_description: error.description },
    { status: error.status, headers: { ...NO_STORE, ...error.headers } },
  );
}

export function rateLimitedResponse(state: RateLimitState): Response {
  return Response.json(
    {
      error: "rate_limited",
      error_description: "Too many failed client authentications. Try again later.",
    },
    { status: 429, headers: { ...NO_STORE, ...rateLimitHeaders(state) } },
  );
}

export function methodNotAllowed(): Response {
  return Response.json(
    { error: "invalid_request", error_description: "Use POST." },
    { status: 405, headers: { ...NO_STORE, Allow: "POST" } },
  );
}

const MAX_BODY_BYTES = 8 * 1024;
const CREDENTIAL_PARAMS = ["client_id", "client_secret", "client_assertion"];

/**
 * The form body of an OAuth endpoint request (RFC 6749 §3.2): form-encoded, small, each parameter
 * at most once, credentials never in the URL where logs and proxies would keep them.
 */
export async function readOAuthForm(request: Request): Promise<Map<string, string>> {
  const query = new URL(request.url).searchParams;
  if (CREDENTIAL_PARAMS.some((p) => query.has(p))) {
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
  const text = new TextDecoder().decode(bytes);
  const form = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(text)) {
    if (form.has(key)) {
      throw new OAuthError("invalid_request", `The parameter ${key} must not be repeated.`);
    }
    form.set(key, value);
  }
  return form;
}
