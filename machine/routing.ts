import type { HttpBindings } from "@hono/node-server";
import type { Hono } from "hono";
import { readBodyFromSocket } from "@/lib/http/bounded-body";

export type Handler = (request: Request) => Response | Promise<Response>;
export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type Method = (typeof METHODS)[number];
/** A route file's exports: one web-standard handler per HTTP method it answers. */
export type RouteModule = Partial<Record<Method, Handler>>;

/**
 * Mounts a route file on `path` as Next mounted route handlers: each exported method, HEAD with
 * GET, OPTIONS answered with Allow, and any other method refused with 405 — by `refuse` when the
 * endpoint has its own error shape (OAuth, MCP), otherwise with an empty body and Allow.
 */
export function mount(app: Hono, path: string, route: RouteModule, refuse?: Handler) {
  const methods = METHODS.filter((m) => route[m]);
  for (const method of methods) {
    const handler = route[method]!;
    app.on(method, path, (c) => {
      // Served by node:http (not app.fetch in a test): bodies are read from the socket.
      const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
      if (incoming && method !== "GET") readBodyFromSocket(c.req.raw, incoming);
      return handler(c.req.raw);
    });
  }
  const allow = [...methods, ...(route.GET ? ["HEAD"] : []), "OPTIONS"].join(", ");
  app.options(path, () => new Response(null, { status: 204, headers: { Allow: allow } }));
  app.all(path, (c) =>
    refuse ? refuse(c.req.raw) : new Response(null, { status: 405, headers: { Allow: allow } }),
  );
}
