import { Hono } from "hono";
import { compress } from "hono/compress";
import { isDatabaseUnavailable } from "@/db/unavailable";
import { apiError, serverError, serviceUnavailable } from "@/lib/api/responses";
import { methodNotAllowed } from "@/lib/oauth/http";
import { introspectionEndpoint, revocationEndpoint } from "@/lib/oauth/revocation";
import { tokenEndpoint } from "@/lib/oauth/token-endpoint";
import { log } from "@/lib/log";
import { health } from "./health";
import { mcp, mcpMethodNotAllowed } from "./mcp";
import { jwksDocument, metadataDocument } from "./oauth/well-known";
import { openApiJson } from "./openapi/route";
import { leakReportEndpoint, leakReportMethodNotAllowed } from "./security/leaks";
import { mount, type Handler, type RouteModule } from "./routing";
import * as data from "./v1/data/route";
import * as me from "./v1/me/route";
import * as ping from "./v1/ping/route";
import * as proposals from "./v1/proposals/route";
import * as push from "./v1/push/route";
import * as reports from "./v1/reports/route";
import * as segmentation from "./v1/segmentation/route";

/** Every path of the machine door; server.ts hands these (machine/paths.ts) to this app. */
const routes: [path: string, route: RouteModule, refuse?: Handler][] = [
  ["/api/v1/me", me],
  ["/api/v1/ping", ping],
  ["/api/v1/proposals", proposals],
  ["/api/v1/data", data],
  ["/api/v1/reports", reports],
  ["/api/v1/segmentation", segmentation],
  ["/api/v1/push", push],
  ["/api/oauth/token", { POST: tokenEndpoint }, methodNotAllowed],
  ["/api/oauth/revoke", { POST: revocationEndpoint }, methodNotAllowed],
  ["/api/oauth/introspect", { POST: introspectionEndpoint }, methodNotAllowed],
  ["/.well-known/oauth-authorization-server", { GET: metadataDocument }],
  ["/.well-known/jwks.json", { GET: jwksDocument }],
  ["/api/mcp", { POST: mcp }, mcpMethodNotAllowed],
  ["/api/openapi.json", { GET: openApiJson }],
  ["/api/health", { GET: health }],
  ["/api/security/leaks", { POST: leakReportEndpoint }, leakReportMethodNotAllowed],
];

/** The machine door: web-standard handlers on Hono, no sessions, no pages. */
export const machineApp = new Hono();
// The two large documents are compressed, as Next did; the small hot answers are not worth it.
machineApp.use("/api/openapi.json", compress());
machineApp.use("/api/mcp", compress());
for (const [path, route, refuse] of routes) mount(machineApp, path, route, refuse);
const known = new Set(routes.map(([path]) => path));

machineApp.notFound((c) => {
  const path = c.req.path;
  // As Next did: a trailing slash is redirected to the path without it.
  if (path.length > 1 && path.endsWith("/") && known.has(path.slice(0, -1))) {
    const url = new URL(c.req.url);
    return new Response(null, {
      status: 308,
      headers: { Location: `${path.slice(0, -1)}${url.search}` },
    });
  }
  return apiError(404, "not_found", "There is no such endpoint.");
});

machineApp.onError((error, c) => {
  // Routes answer an unreachable database themselves; this catches any that does not.
  if (isDatabaseUnavailable(error)) return serviceUnavailable();
  log.error({ err: error, method: c.req.method, path: c.req.path }, "machine request failed");
  return serverError();
});
