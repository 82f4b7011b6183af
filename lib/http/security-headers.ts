// Database-free: proxy.ts and next.config.ts import this.

/** A fresh, unguessable value per page response for the scripts that page may run. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The policy of a page. Scripts: only those carrying this response's nonce (Next puts it on its
 * own, next-themes on its theme script) and what they load ('strict-dynamic'), so an injected
 * <script> or inline handler does not run. Styles keep 'unsafe-inline': Radix and React render
 * style attributes, and sonner and Swagger UI insert <style> elements at run time, none of which
 * can carry a nonce; styles cannot run code, and the rest of the policy still holds.
 */
export function pageContentSecurityPolicy(nonce: string, https: boolean): string {
  // Not through lib/env: proxy.ts and next.config.ts load this file, outside the server's start-up.
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    // React's development build evaluates code for its debugging aids.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** JSON and other documents that are never pages: nothing may run or embed them. */
export const DOCUMENT_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

// Browser features the app never uses are denied to it and to anything it could embed. Copying a
// key or secret is one it does use; reading the clipboard is left to the browser's own prompt.
const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "browsing-topics=()",
  "camera=()",
  "display-capture=()",
  "encrypted-media=()",
  "fullscreen=()",
  "geolocation=()",
  "gyroscope=()",
  "hid=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "picture-in-picture=()",
  "publickey-credentials-get=()",
  "screen-wake-lock=()",
  "serial=()",
  "usb=()",
  "xr-spatial-tracking=()",
  "clipboard-write=(self)",
].join(", ");

/** Headers every response gets: Next through next.config.ts, the machine door its listener. */
export const STATIC_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
];

export const HSTS = "max-age=63072000; includeSubDomains";

/**
 * Whether the page is served over HTTPS: the configured public origin says so, or the proxy in
 * front of us does. A forged X-Forwarded-Proto on plain HTTP does no harm: browsers ignore
 * Strict-Transport-Security received over HTTP.
 */
export function servedOverHttps(request: { headers: Headers; nextUrl: { protocol: string } }) {
  // lib/http/public-origin.ts's rule, read here directly: proxy.ts runs this, apart from lib/env.
  const configured = process.env.APP_URL || process.env.AUTH_URL;
  if (configured?.startsWith("https:")) return true;
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return forwarded === "https" || request.nextUrl.protocol === "https:";
}
