/**
 * The header through which the server (server.ts) tells both doors the caller's address. It is
 * set there from the socket and TRUSTED_PROXIES (lib/http/forwarded.ts), after removing any copy
 * that arrived from outside, so nothing a client sends can choose it.
 */
export const CLIENT_IP_HEADER = "x-latchkey-client-ip";

/**
 * The caller's address: what audit events, last-used records and rate limits all use. Null only
 * when the request did not come through the server (a request built in a test or script).
 */
export function clientIp(h: Headers): string | null {
  return h.get(CLIENT_IP_HEADER) || null;
}
