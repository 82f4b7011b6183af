// npm run bench:peers — GET /api/v1/me with a real key against better-auth's api-key plugin
// (bench/peers/better-auth: /me checking the key with auth.api.verifyApiKey), each on a fresh
// database of its own on the same PostgreSQL server, in the same run. Target: ≥ 8× better-auth's
// req/s. Build first (`npm run build`). BENCH_ROUNDS, BENCH_DURATION, BENCH_WARMUP,
// BENCH_CONNECTIONS, BENCH_PORTS; DATABASE_URL names the PostgreSQL server (default 127.0.0.1:5432).
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { createDatabase } from "../lib/database";
import { poolSize, seedLatchkey, startLatchkey } from "../lib/latchkey";
import { main } from "../lib/main";
import { ensurePeer, startPeer } from "../lib/peers";
import { freePort } from "../lib/ports";
import { compare, ratioTarget, verdict } from "../lib/rounds";
import { expectStatus } from "../lib/servers";

await main(async () => {
  const ours = await createDatabase("peers");
  const theirs = await createDatabase("peers_better_auth");
  const { apiKey } = await seedLatchkey(ours.url);
  const latchkey = await startLatchkey(ours.url, await freePort());

  const env = {
    DATABASE_URL: theirs.url,
    BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
    POOL_SIZE: poolSize,
  };
  // Its tables, one user and one key, made through its own API; the key comes back as JSON.
  let setup: { stdout: string };
  try {
    setup = await promisify(execFile)(process.execPath, ["setup.mjs"], {
      cwd: ensurePeer("better-auth"),
      env: { ...process.env, ...env },
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`better-auth set-up failed:\n${stdout ?? ""}${stderr ?? ""}`);
  }
  const { key } = JSON.parse(setup.stdout.trim().split("\n").pop()!) as { key: string };
  const peer = await startPeer("better-auth", "better-auth", await freePort(), env, "/");

  const me = { url: `${latchkey.base}/api/v1/me`, headers: { authorization: `Bearer ${apiKey}` } };
  const theirMe = { url: `${peer.base}/me`, headers: { "x-api-key": key } };
  await expectStatus(latchkey, me, 200);
  await expectStatus(peer, theirMe, 200);

  const [a, b] = await compare([
    {
      name: "Latchkey GET /api/v1/me",
      server: latchkey,
      request: me,
      status: 200,
      database: ours.name,
    },
    {
      name: "better-auth api-key",
      server: peer,
      request: theirMe,
      status: 200,
      database: theirs.name,
    },
  ]);
  return verdict([ratioTarget(a!, b!, 8)]);
});
