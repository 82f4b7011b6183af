// npm run bench:verify — GET /api/v1/me with a real key vs the unauthenticated GET /api/v1/ping,
// on the same built server in the same run (run `npx next build` first). Also a key with a rate
// limit (never reached) against the same key without one, in alternating rounds: what counting
// costs on this deployment's store (REDIS_URL → Redis, DATABASE_URL → PostgreSQL, else memory).
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { Redis } from "ioredis";
import postgres from "postgres";
import { createDb } from "@/db/client";
import { insertApiKey } from "@/db/queries/keys";
import { insertMembership } from "@/db/queries/memberships";
import { insertOrganization } from "@/db/queries/organizations";
import { insertUser } from "@/db/queries/users";
import { apiIds } from "@/lib/api-catalogue";
import { newSecret } from "@/lib/keys/secret";
import { processCpuMs, totalCpuMs } from "../token/cpu";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = 3;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
// High enough that the bench never hits it: every request is counted and admitted.
const RATE_LIMIT = Number(process.env.BENCH_RATE_LIMIT ?? 1_000_000);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/**
 * A fresh database with one Enterprise org, its owner, a key and a rate-limited key, made before the
 * server opens it.
 */
async function prepareDatabase(dataDir: string | undefined) {
  const handle = createDb(dataDir ? { dataDir } : {});
  await handle.migrate();
  const suffix = Date.now().toString(36);
  const org = await insertOrganization(handle.db, {
    name: "Bench",
    slug: `bench-${suffix}`,
    plan: "enterprise",
  });
  const user = await insertUser(handle.db, {
    email: `bench-${suffix}@example.test`,
    name: "Bench",
    passwordHash: "unused",
  });
  await insertMembership(handle.db, org.id, user.id, "owner");
  const { key, stored } = newSecret();
  await insertApiKey(
    handle.db,
    { orgId: org.id, name: "bench", teamId: null, apis: [...apiIds], createdBy: user.id },
    stored,
  );
  const limited = newSecret();
  await insertApiKey(
    handle.db,
    {
      orgId: org.id,
      name: "bench (rate limited)",
      teamId: null,
      apis: [...apiIds],
      createdBy: user.id,
      rateLimitPerMinute: RATE_LIMIT,
    },
    limited.stored,
  );
  await handle.close();
  return { key, limitedKey: limited.key };
}

async function waitFor(url: string, timeoutMs = 120_000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server did not answer ${url}`);
}

function run(url: string, headers: Record<string, string>, duration: number) {
  return autocannon({ url, connections: CONNECTIONS, duration, headers });
}

const usePostgres = !!process.env.DATABASE_URL;
const dataDir = usePostgres ? undefined : mkdtempSync(path.join(tmpdir(), "lk-bench-"));
const { key, limitedKey } = await prepareDatabase(dataDir);
const port = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : await freePort();
// The server process itself (not npx), so its CPU time can be read.
const server = spawn(
  process.execPath,
  [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port)],
  {
    env: {
      ...process.env,
      ...(dataDir ? { PGLITE_DIR: dataDir, DATABASE_URL: "" } : {}),
      AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-only-secret-0123456789abcdef0123456789",
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  },
);
const stop = () => {
  try {
    process.kill(-server.pid!, "SIGTERM");
  } catch {
    // already gone
  }
};
process.on("exit", stop);

try {
  const base = `http://localhost:${port}`;
  await waitFor(`${base}/api/health`);
  const auth = { authorization: `Bearer ${key}` };
  const check = await fetch(`${base}/api/v1/me`, { headers: auth });
  if (check.status !== 200) throw new Error(`/api/v1/me answered ${check.status}`);

  console.log(
    `database: ${usePostgres ? "PostgreSQL (DATABASE_URL)" : "PGlite"}; ${CONNECTIONS} connections, ${DURATION}s per route after ${WARMUP}s warm-up`,
  );
  await run(`${base}/api/v1/ping`, {}, WARMUP);
  await run(`${base}/api/v1/me`, auth, WARMUP);
  const baseline = await run(`${base}/api/v1/ping`, {}, DURATION);
  const verified = await run(`${base}/api/v1/me`, auth, DURATION);

  const row = (name: string, r: autocannon.Result) =>
    `${name.padEnd(28)} ${r.requests.average.toFixed(0).padStart(8)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   errors ${r.errors + r.non2xx}`;
  console.log(row("GET /api/v1/ping (no auth)", baseline));
  console.log(row("GET /api/v1/me (API key)", verified));
  const ratio = verified.requests.average / baseline.requests.average;
  console.log(`ratio (me / ping): ${ratio.toFixed(2)}   target ≥ 0.90; p99 target ≤ 5 ms`);

  const limitedAuth = { authorization: `Bearer ${limitedKey}` };
  const limitedCheck = await fetch(`${base}/api/v1/me`, { headers: limitedAuth });
  const policy = limitedCheck.headers.get("ratelimit-policy");
  if (limitedCheck.status !== 200 || !policy) {
    throw new Error(`rate-limited key: ${limitedCheck.status}, RateLimit-Policy ${policy}`);
  }
  const store = process.env.REDIS_URL ? "Redis" : usePostgres ? "PostgreSQL" : "memory";
  console.log(
    `\nrate limit (${RATE_LIMIT}/min, counted in ${store}): ${ROUNDS} alternating rounds of ${DURATION}s`,
  );
  // Where the work of a request happens besides the server: PostgreSQL backends, Redis.
  async function storePids(): Promise<number[]> {
    const pids: number[] = [];
    if (usePostgres) {
      const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
      const rows =
        await sql`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
      await sql.end();
      pids.push(...rows.map((r) => Number(r.pid)));
    }
    if (process.env.REDIS_URL) {
      const redis = new Redis(process.env.REDIS_URL);
      const info = await redis.info("server");
      await redis.quit();
      const pid = /process_id:(\d+)/.exec(info)?.[1];
      if (pid) pids.push(Number(pid));
    }
    return pids;
  }
  type Measured = { rate: number; serverUs: number | null; storeUs: number | null };
  async function measure(headers: Record<string, string>): Promise<Measured> {
    const pids = await storePids();
    const server0 = processCpuMs(server.pid!);
    const store0 = totalCpuMs(pids);
    const r = await run(`${base}/api/v1/me`, headers, DURATION);
    if (r.errors + r.non2xx > 0) throw new Error(`${r.errors + r.non2xx} errors`);
    const server1 = processCpuMs(server.pid!);
    const store1 = totalCpuMs(pids);
    const perRequest = (a: number | null, b: number | null) =>
      a === null || b === null ? null : ((b - a) * 1000) / r.requests.total;
    return {
      rate: r.requests.average,
      serverUs: perRequest(server0, server1),
      storeUs: pids.length ? perRequest(store0, store1) : 0,
    };
  }
  await run(`${base}/api/v1/me`, limitedAuth, WARMUP);
  const plain: Measured[] = [];
  const limited: Measured[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which goes first, so drift in the neighbours' load hits both alike.
    const order = round % 2 ? ["limited", "plain"] : ["plain", "limited"];
    for (const which of order) {
      if (which === "plain") plain.push(await measure(auth));
      else limited.push(await measure(limitedAuth));
    }
  }
  const median = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  };
  const cpu = (runs: Measured[], key: "serverUs" | "storeUs") =>
    runs.some((m) => m[key] === null) ? null : median(runs.map((m) => m[key]!));
  const line = (name: string, runs: Measured[]) => {
    const serverUs = cpu(runs, "serverUs");
    const storeUs = cpu(runs, "storeUs");
    console.log(
      `${name.padEnd(30)} median ${median(runs.map((m) => m.rate))
        .toFixed(0)
        .padStart(6)} req/s ` +
        `(rounds ${runs.map((m) => m.rate.toFixed(0)).join(", ")})   CPU per request: server ` +
        `${serverUs?.toFixed(0) ?? "n/a"} µs, database/store ${storeUs?.toFixed(0) ?? "n/a"} µs`,
    );
    return serverUs === null || storeUs === null ? null : serverUs + storeUs;
  };
  const plainCpu = line("GET /api/v1/me, no limit", plain);
  const limitedCpu = line("GET /api/v1/me, with a limit", limited);
  const rateRatio = median(limited.map((m, i) => m.rate / plain[i]!.rate));
  console.log(
    `ratio (limited / no limit): ${rateRatio.toFixed(2)} req/s (median of the rounds' ratios)` +
      (plainCpu && limitedCpu
        ? `, ${(plainCpu / limitedCpu).toFixed(2)} by CPU per request (the throughput when CPU-bound)`
        : "") +
      "; target ≥ 0.85",
  );
} finally {
  stop();
}
process.exit(0);
