// Database-free and dependency-free: server.ts asks this for every request.

const PREFIXES = ["/api/v1/", "/api/oauth/", "/.well-known/"];
const EXACT = new Set(["/api/v1", "/api/oauth", "/api/mcp", "/api/health", "/api/openapi.json"]);

/**
 * Whether a request target belongs to the machine door (public API, OAuth, MCP, health, the
 * OpenAPI document); everything else — pages, server actions, /api/auth, the audit download — is
 * Next's. Judged on the raw path, before any decoding, exactly as the server received it.
 */
export function isMachinePath(url: string | undefined): boolean {
  if (!url || url.charCodeAt(0) !== 47 /* / */) return false;
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  for (const prefix of PREFIXES) if (path.startsWith(prefix)) return true;
  return EXACT.has(path.endsWith("/") ? path.slice(0, -1) : path);
}
