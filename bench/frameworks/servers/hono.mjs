// Hono on @hono/node-server. HONO_NATIVE_RESPONSE=1 keeps the global Request/Response (the
// adapter otherwise installs its lighter ones process-wide).
import { getRequestListener } from "@hono/node-server";
import { Hono } from "hono";
import { createServer } from "node:http";
import { lookUp, port } from "./lookup.mjs";

const app = new Hono();
app.get("/api/v1/me", async (c) => {
  const me = await lookUp(c.req.header("authorization"));
  return me ? c.json(me) : c.json({ error: "invalid_token" }, 401);
});
const listener = getRequestListener(app.fetch, {
  overrideGlobalObjects: process.env.HONO_NATIVE_RESPONSE !== "1",
});
createServer(listener).listen(port, "127.0.0.1");
