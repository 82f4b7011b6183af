// npm run bench:token — client credentials grants per second against a no-auth baseline
// (/api/health, one `select 1`) on the same server in the same run. Needs `npx next build` first.
// BENCH_PORT, BENCH_CONNECTIONS, BENCH_ROUNDS and BENCH_DURATION (seconds per route and round).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon, { type Result } from "autocannon";
import postgres from "postgres";
import { createDb } from "@/db/client";
import { insertOAuthClient } from "@/db/queries/oauth-clients";
import { insertMembership } from "@/db/queries/memberships";
import { insertOrganization } from "@/db/queries/organizations";
import { insertUser } from "@/db/queries/users";
import { generateClientSecret, hashClientSecret } from "@/lib/oauth/client-secret";
import { processCpuMs, totalCpuMs } from "./cpu";

const PORT = Number(process.env.BENCH_PORT ?? 3490);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const WARMUP = 3;
const base = `http://localhost:${PORT}`;

const serverUrl = process.env.DATABASE_URL || undefined;
const pgliteDir = serverUrl ? undefined : mkdtempSync(path.join(tmpdir(), "lk-bench-"));
// On a PostgreSQL server the run gets a database of its own, dropped at the end, so it never
// migrates or fills the database DATABASE_URL names.
const benchDbName = `lk_bench_${randomBytes(4).toString("hex")}`;
let benchUrl: string | undefined;
if (serverUrl) {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${benchDbName}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${benchDbName}`;
  benchUrl = url.toString();
}
const authSecret = randomBytes(32).toString("base64url");

// PGlite allows one process per folder: seed first, close, then let the server open it.
const handle = createDb(benchUrl ? { url: benchUrl } : { dataDir: pgliteDir });
await handle.migrate();
const suffix = randomBytes(4).toString("hex");
const org = await insertOrganization(handle.db, {
  name: `Bench ${suffix}`,
  slug: `bench-${suffix}`,
  plan: "enterprise",
});
const user = await insertUser(handle.db, {
  email: `bench-${suffix}@example.test`,
  name: "Bench",
  passwordHash: "unused",
});
await insertMembership(handle.db, org.id, user.id, "admin");
const secret = generateClientSecret();
const client = await insertOAuthClient(handle.db, {
  orgId: org.id,
  name: "Bench client",
  apis: ["data", "reports"],
  secretHash: hashClientSecret(secret),
  createdBy: user.id,
});
await handle.close();

// The server process itself (not npx), so its CPU time can be read.
const server = spawn(
  process.execPath,
  [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(PORT)],
  {
    env: {
      ...process.env,
      AUTH_SECRET: authSecret,
      ...(pgliteDir ? { PGLITE_DIR: pgliteDir, DATABASE_URL: "" } : { DATABASE_URL: benchUrl! }),
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  },
);

async function waitForServer() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not start");
}

// Both requests are fixed up front and sent over the same number of keep-alive connections.
const tokenRequest = {
  url: `${base}/api/oauth/token`,
  method: "POST",
  headers: {
    "content-type": "application/x-www-form-urlencoded",
    authorization: `Basic ${Buffer.from(`${client.clientId}:${secret}`).toString("base64")}`,
  },
  body: "grant_type=client_credentials",
};
const healthRequest = { url: `${base}/api/health` };

/** The PostgreSQL backends serving the bench database (PGlite runs inside the server). */
async function databasePids(): Promise<number[]> {
  if (!serverUrl) return [];
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const rows = await admin`select pid from pg_stat_activity where datname = ${benchDbName}`;
  await admin.end();
  return rows.map((r) => Number(r.pid));
}

type Measured = { result: Result; serverUs: number | null; databaseUs: number | null };

async function run(name: string, options: { url: string }, seconds: number): Promise<Measured> {
  const dbPids = await databasePids();
  const server0 = processCpuMs(server.pid!);
  const db0 = totalCpuMs(dbPids);
  const result: Result = await autocannon({
    ...options,
    connections: CONNECTIONS,
    duration: seconds,
  });
  if (result.non2xx || result.errors) {
    throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  const server1 = processCpuMs(server.pid!);
  const db1 = totalCpuMs(dbPids);
  const perRequest = (a: number | null, b: number | null) =>
    a === null || b === null ? null : ((b - a) * 1000) / result.requests.total;
  return { result, serverUs: perRequest(server0, server1), databaseUs: perRequest(db0, db1) };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

try {
  await waitForServer();
  const check = await fetch(tokenRequest.url, tokenRequest);
  if (check.status !== 200) throw new Error(`token endpoint answered ${check.status}`);
  // Warm-up: JIT, connection pool, prepared statements, signing key cache.
  await run("warm-up token", tokenRequest, WARMUP);
  await run("warm-up health", healthRequest, WARMUP);
  // Short rounds in alternating order, compared by their medians: a neighbour's burst of load on
  // a shared machine then skews one round instead of one whole route.
  const health: Measured[] = [];
  const token: Measured[] = [];
  console.log(
    `\n${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION} s per route in alternating order, ${pgliteDir ? "PGlite" : "PostgreSQL"}`,
  );
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      health.push(await run("health", healthRequest, DURATION));
      token.push(await run("token", tokenRequest, DURATION));
    } else {
      token.push(await run("token", tokenRequest, DURATION));
      health.push(await run("health", healthRequest, DURATION));
    }
    const h = health[round]!.result.requests.average;
    const t = token[round]!.result.requests.average;
    console.log(
      `round ${round + 1}: health ${h.toFixed(0)} req/s, token ${t.toFixed(0)} req/s, ratio ${(t / h).toFixed(2)}`,
    );
  }
  const cpu = (values: (number | null)[]) =>
    values.includes(null) ? "n/a" : `${median(values as number[]).toFixed(0)} µs`;
  const row = (name: string, runs: Measured[]) => {
    const rate = median(runs.map((r) => r.result.requests.average)).toFixed(0);
    const p50 = median(runs.map((r) => r.result.latency.p50));
    const p99 = median(runs.map((r) => r.result.latency.p99));
    const database = serverUrl ? `, PostgreSQL ${cpu(runs.map((r) => r.databaseUs))}` : "";
    return (
      `${name.padEnd(22)} ${rate.padStart(7)} req/s   p50 ${String(p50).padStart(4)} ms   ` +
      `p99 ${String(p99).padStart(4)} ms   CPU per request: server ${cpu(runs.map((r) => r.serverUs))}${database}`
    );
  };
  console.log("\nmedians over the rounds");
  console.log(row("GET /api/health", health));
  console.log(row("POST /api/oauth/token", token));
  const ratios = token.map(
    (t, i) => t.result.requests.average / health[i]!.result.requests.average,
  );
  console.log(`ratio token/health: ${median(ratios).toFixed(2)} (median of the rounds' ratios)`);
} finally {
  if (server.pid) process.kill(-server.pid, "SIGTERM");
  await new Promise((r) => setTimeout(r, 1000));
  if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
  if (serverUrl) {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${benchDbName} with (force)`);
    await admin.end();
  }
}
