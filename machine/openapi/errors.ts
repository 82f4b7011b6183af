import { z } from "zod";
import { MAX_BODY_BYTES } from "@/lib/api/body";

/** Every error the public API returns: RFC 6750 codes for credentials, our own for the rest. */
const apiErrorSchema = z
  .object({
    error: z.string().meta({
      description:
        "invalid_token, insufficient_scope, ip_not_allowed, rate_limited, unauthorized, invalid_request, payload_too_large, unsupported_media_type or server_error.",
      example: "invalid_request",
    }),
    error_description: z.string(),
    fields: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .meta({ description: "For 400s: the messages per invalid field (dotted path)." }),
    scope: z
      .string()
      .optional()
      .meta({ description: "For insufficient_scope: the API the endpoint needs." }),
    ip: z
      .string()
      .nullable()
      .optional()
      .meta({ description: "For ip_not_allowed: the caller's address as the server saw it." }),
  })
  .meta({ id: "Error" });

/** RFC 6749 §5.2 errors of the OAuth endpoints. */
export const oauthErrorSchema = z
  .object({
    error: z.enum([
      "invalid_request",
      "invalid_client",
      "invalid_grant",
      "unauthorized_client",
      "unsupported_grant_type",
      "invalid_scope",
      "rate_limited",
      "ip_not_allowed",
    ]),
    error_description: z.string(),
  })
  .meta({ id: "OAuthError" });

type Header = { description: string; schema: { type: "string" } };

const error = (
  description: string,
  example: { error: string; error_description: string; [more: string]: unknown },
  headers?: Record<string, Header>,
) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { "application/json": { schema: apiErrorSchema, example } },
});

const challenge: Record<string, Header> = {
  "WWW-Authenticate": {
    description: "The Bearer challenge (RFC 6750 §3).",
    schema: { type: "string" },
  },
};

/** The responses every authenticated operation can give besides its own. */
export const authenticatedErrors = {
  401: error(
    "Missing, invalid, revoked or expired credential (invalid_token).",
    { error: "invalid_token", error_description: "The API key is invalid, revoked or expired." },
    challenge,
  ),
  403: error(
    "The credential lacks the API this endpoint needs (insufficient_scope), the organization is not on the Enterprise plan, or the caller's address is not on the key's or client's IP allowlist (ip_not_allowed).",
    {
      error: "insufficient_scope",
      error_description: "This credential has no access to the proposals API.",
      scope: "proposals",
    },
    challenge,
  ),
  429: error(
    "The key or client is over its requests-per-minute limit (rate_limited).",
    {
      error: "rate_limited",
      error_description:
        "This API key is limited to 600 requests per minute. Try again in 42 seconds.",
    },
    {
      "Retry-After": {
        description: "Seconds until the limit's minute ends.",
        schema: { type: "string" },
      },
      "RateLimit-Policy": {
        description: 'The limit (draft-ietf-httpapi-ratelimit-headers): `"per-minute";q=600;w=60`.',
        schema: { type: "string" },
      },
      RateLimit: {
        description: 'What is left of it: `"per-minute";r=0;t=42`. Also on admitted responses.',
        schema: { type: "string" },
      },
    },
  ),
  500: error("Unexpected failure; the body reveals nothing (server_error).", {
    error: "server_error",
    error_description: "Something went wrong.",
  }),
};

/** The responses of operations that take a JSON body or query parameters. */
export const inputErrors = {
  400: error("The body or query is invalid; `fields` names each invalid field (invalid_request).", {
    error: "invalid_request",
    error_description: "Invalid field: title.",
    fields: { title: ["title is required."] },
  }),
};

export const bodyErrors = {
  ...inputErrors,
  413: error(`The body is larger than ${MAX_BODY_BYTES / 1024} KiB (payload_too_large).`, {
    error: "payload_too_large",
    error_description: `The body must be at most ${MAX_BODY_BYTES} bytes.`,
  }),
  415: error("The body is not sent as application/json (unsupported_media_type).", {
    error: "unsupported_media_type",
    error_description: "Send the body as JSON with Content-Type: application/json.",
  }),
};
