/**
 * Whether a browser request was sent by another website: its Fetch Metadata says so, or its
 * Origin is not this host. Requests without either (curl, older browsers on same-site navigation)
 * pass; cookies are SameSite=Lax, so a cross-site POST carries no session anyway.
 */
export function isCrossSiteRequest(request: Request): boolean {
  const headers = request.headers;
  if (headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = headers.get("origin");
  if (!origin) return false;
  const host =
    headers.get("x-forwarded-host")?.split(",")[0]?.trim() ||
    headers.get("host") ||
    new URL(request.url).host;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true; // "null" (sandboxed or privacy-sensitive contexts) or garbage
  }
}
