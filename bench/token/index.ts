// npm run bench:token — client_credentials grants (client_secret_basic) at POST /api/oauth/token
// against oidc-provider set up the same way (bench/peers/oidc-provider: ES256 JWT access tokens,
// client_secret_basic, clients in memory), in the same run, with the same request body.
// Target: ≥ 1.2× oidc-provider's req/s. Build first (`npm run build`). BENCH_ROUNDS,
// BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS, BENCH_PORTS; DATABASE_URL names the PostgreSQL
// server (default 127.0.0.1:5432).
import { createDatabase } from "../lib/database";
import { seedLatchkey, startLatchkey } from "../lib/latchkey";
import { main } from "../lib/main";
import { startPeer } from "../lib/peers";
import { freePort } from "../lib/ports";
import { compare, ratioTarget, verdict, type HttpRequest } from "../lib/rounds";
import { expectStatus } from "../lib/servers";

function tokenRequest(url: string, id: string, secret: string): HttpRequest {
  return {
    url,
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`,
    },
    body: "grant_type=client_credentials&scope=data%20reports",
  };
}

await main(async () => {
  const db = await createDatabase("token");
  const { client } = await seedLatchkey(db.url);
  const latchkey = await startLatchkey(db.url, await freePort());
  // The peer knows the same client ID and secret, held in memory.
  const peer = await startPeer(
    "oidc-provider",
    "oidc-provider",
    await freePort(),
    { CLIENT_ID: client.id, CLIENT_SECRET: client.secret },
    "/.well-known/openid-configuration",
  );

  const ours = tokenRequest(`${latchkey.base}/api/oauth/token`, client.id, client.secret);
  const theirs = tokenRequest(`${peer.base}/token`, client.id, client.secret);
  for (const [server, request] of [
    [latchkey, ours],
    [peer, theirs],
  ] as const) {
    const body = JSON.parse(await expectStatus(server, request, 200));
    const header = JSON.parse(Buffer.from(body.access_token.split(".")[0], "base64url").toString());
    if (header.alg !== "ES256" || header.typ !== "at+jwt") {
      throw new Error(`${server.name} issued a ${header.typ} signed with ${header.alg}`);
    }
  }

  const [a, b] = await compare([
    {
      name: "Latchkey POST /api/oauth/token",
      server: latchkey,
      request: ours,
      status: 200,
      database: db.name,
    },
    { name: "oidc-provider", server: peer, request: theirs, status: 200 },
  ]);
  return verdict([ratioTarget(a!, b!, 1.2)]);
});
