// npm run bench:verify — GET /api/v1/me with a real key against the floor: plain node:http
// answering after one `select 1` through postgres.js (bench/peers/floor), on the same PostgreSQL
// database in the same run. Targets: ≥ 0.6× the floor's req/s, p99 ≤ 15 ms at 32 connections.
// The floor runs twice: plain (postgres.js as installed, its default pool: the target), and tuned
// as the app's verification path is (its pool size, the app's patched driver: printed only).
// Build first (`npm run build`). BENCH_ROUNDS, BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS,
// BENCH_PORTS; DATABASE_URL names the PostgreSQL server (default 127.0.0.1:5432).
// BENCH_RATE_LIMIT=<requests per minute> also measures a key with that rate limit (set it high
// enough never to be reached) against the same key without one: what counting costs on the
// server's store (REDIS_URL → Redis, else PostgreSQL). Target ≥ 0.85×.
import path from "node:path";
import { createDatabase } from "../lib/database";
import { seedLatchkey, startLatchkey, verifyPoolSize } from "../lib/latchkey";
import { main } from "../lib/main";
import { startPeer } from "../lib/peers";
import { freePort } from "../lib/ports";
import { compare, p99Target, ratioInfo, ratioTarget, verdict } from "../lib/rounds";
import { expectStatus } from "../lib/servers";

await main(async () => {
  const db = await createDatabase("verify");
  const rateLimit = process.env.BENCH_RATE_LIMIT ? Number(process.env.BENCH_RATE_LIMIT) : undefined;
  const { apiKey, limitedApiKey } = await seedLatchkey(db.url, { rateLimitPerMinute: rateLimit });
  const latchkey = await startLatchkey(db.url, await freePort());
  const floor = await startPeer("floor", "floor", await freePort(), { DATABASE_URL: db.url }, "/");
  const tunedFloor = await startPeer(
    "floor",
    "floor, tuned as ours",
    await freePort(),
    {
      DATABASE_URL: db.url,
      POOL_SIZE: verifyPoolSize,
      POSTGRES_MODULE: path.resolve("node_modules/postgres/src/index.js"),
    },
    "/",
  );

  const me = { url: `${latchkey.base}/api/v1/me`, headers: { authorization: `Bearer ${apiKey}` } };
  await expectStatus(latchkey, me, 200);
  await expectStatus(floor, { url: `${floor.base}/` }, 200);
  await expectStatus(tunedFloor, { url: `${tunedFloor.base}/` }, 200);

  const limitedMe = limitedApiKey
    ? { url: me.url, headers: { authorization: `Bearer ${limitedApiKey}` } }
    : null;
  if (limitedMe) await expectStatus(latchkey, limitedMe, 200);

  const [ours, peer, tuned, limited] = await compare([
    {
      name: "Latchkey GET /api/v1/me",
      server: latchkey,
      request: me,
      status: 200,
      database: db.name,
    },
    {
      name: "floor",
      server: floor,
      request: { url: `${floor.base}/` },
      status: 200,
      database: db.name,
    },
    {
      name: "floor, tuned as ours",
      server: tunedFloor,
      request: { url: `${tunedFloor.base}/` },
      status: 200,
      database: db.name,
    },
    ...(limitedMe
      ? [
          {
            name: `Latchkey GET /api/v1/me, key limited to ${rateLimit}/min`,
            server: latchkey,
            request: limitedMe,
            status: 200,
            database: db.name,
          },
        ]
      : []),
  ]);
  return verdict([
    ratioTarget(ours!, peer!, 0.6),
    ratioInfo(ours!, tuned!),
    p99Target(ours!, 15),
    ...(limited ? [ratioTarget(limited, ours!, 0.85)] : []),
  ]);
});
