// Fastify, from this folder's own node_modules.
import Fastify from "fastify";
import { lookUp, port } from "./lookup.mjs";

const app = Fastify({ logger: false });
app.get("/api/v1/me", async (request, reply) => {
  const me = await lookUp(request.headers.authorization);
  if (!me) return reply.code(401).send({ error: "invalid_token" });
  return me;
});
await app.listen({ port, host: "127.0.0.1" });
