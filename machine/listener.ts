import type { IncomingMessage, ServerResponse } from "node:http";
import { getRequestListener } from "@hono/node-server";
import { forwardedHttps, type Trust } from "@/lib/http/forwarded";
import {
  DOCUMENT_CONTENT_SECURITY_POLICY,
  STATIC_SECURITY_HEADERS,
} from "@/lib/http/security-headers";
import { machineApp } from "./app";

// What next.config.ts gives Next's /api and /.well-known responses: every response of the door,
// errors and 404s included, carries them (a handler's own value of the same header wins).
const SECURITY_HEADERS: [string, string][] = [
  ...STATIC_SECURITY_HEADERS.map(({ key, value }): [string, string] => [key, value]),
  ["Content-Security-Policy", DOCUMENT_CONTENT_SECURITY_POLICY],
];

/**
 * The machine door as a node:http listener. @hono/node-server hands Hono a Request that reads the
 * socket lazily, and (its default) makes the process's Response the light one it can write
 * without a stream; server.ts creates this after Next is prepared.
 */
export function machineListener(trust: Trust) {
  const listener = getRequestListener(machineApp.fetch);
  return (req: IncomingMessage, res: ServerResponse) => {
    for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
    // The request URL (and so an issuer built from it) says https when a trusted proxy does.
    const host = req.headers.host;
    if (host && req.url?.startsWith("/") && forwardedHttps(req, trust)) {
      req.url = `https://${host}${req.url}`;
    }
    return listener(req, res);
  };
}
