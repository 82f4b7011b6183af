import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import proxyAddr from "proxy-addr";
import { CLIENT_IP_HEADER } from "./client-ip";

export type Trust = (address: string, hop: number) => boolean;

/**
 * The proxies whose X-Forwarded-For and X-Forwarded-Proto are believed: TRUSTED_PROXIES, a comma-
 * separated list of addresses, CIDR ranges or proxy-addr's names (loopback, linklocal,
 * uniquelocal). Unset or empty: none, so the socket's address is the client's. Throws on an entry
 * that is not an address or range.
 */
export function compileTrust(value: string | undefined): Trust {
  const entries = (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return proxyAddr.compile(entries);
}

// Dual-stack sockets report IPv4 callers as ::ffff:a.b.c.d; records and counters use a.b.c.d.
const MAPPED_IPV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** The client's address: the socket's, or the nearest X-Forwarded-For hop not from a trusted proxy. */
function addressOf(req: IncomingMessage, trust: Trust): string | null {
  if (!req.socket.remoteAddress) return null;
  const address = proxyAddr(req, trust);
  return MAPPED_IPV4.exec(address)?.[1] ?? address;
}

/**
 * Replaces whatever CLIENT_IP_HEADER the request arrived with by the address computed here, in
 * both the parsed headers and the raw list, which Next and the machine door read respectively.
 */
export function stampClientIp(req: IncomingMessage, trust: Trust) {
  const raw = req.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) {
    if (raw[i]!.length === CLIENT_IP_HEADER.length && raw[i]!.toLowerCase() === CLIENT_IP_HEADER) {
      raw.splice(i, 2);
    }
  }
  const address = addressOf(req, trust);
  if (address) {
    req.headers[CLIENT_IP_HEADER] = address;
    raw.push(CLIENT_IP_HEADER, address);
  } else {
    delete req.headers[CLIENT_IP_HEADER];
  }
}

/** Whether a trusted proxy in front says the client used HTTPS (Express's req.protocol rule). */
export function forwardedHttps(req: IncomingMessage, trust: Trust): boolean {
  if ((req.socket as TLSSocket).encrypted) return true;
  const header = req.headers["x-forwarded-proto"];
  if (typeof header !== "string" || !req.socket.remoteAddress) return false;
  if (!trust(req.socket.remoteAddress, 0)) return false;
  return header.split(",")[0]!.trim().toLowerCase() === "https";
}
