// npm run bench:token — client credentials grants per second against a no-auth baseline
// (/api/health, one `select 1`) on the same server in the same run. Needs `npm run build` first.
// It also measures the cheapest form POST the server can answer: the token endpoint refusing a
// body without grant_type, before any lookup or signature. That is the framework's own cost of a
// form POST route handler, the ceiling for any endpoint that reads one.
// BENCH_PORT, BENCH_CONNECTIONS, BENCH_ROUNDS and BENCH_DURATION (seconds per route and round);
// BENCH_CPU_PROFILE=<dir> writes a V8 CPU profile of the server there when it exits.
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
  [
    ...(process.env.BENCH_CPU_PROFILE
      ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`]
      : []),
    "--conditions=react-server",
    path.join("dist", "server.js"),
  ],
  {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(PORT),
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
const formFloorRequest = { ...tokenRequest, body: "scope=data" };

type Route = {
  name: string;
  request: { url: string; method?: string; body?: string; headers?: Record<string, string> };
  status: number;
};
const routes: Route[] = [
  { name: "GET /api/health", request: healthRequest, status: 200 },
  { name: "POST /api/oauth/token", request: tokenRequest, status: 200 },
  { name: "form POST floor (400)", request: formFloorRequest, status: 400 },
];

/** The PostgreSQL backends serving the bench database (PGlite runs inside the server). */
async function databasePids(): Promise<number[]> {
  if (!serverUrl) return [];
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const rows = await admin`select pid from pg_stat_activity where datname = ${benchDbName}`;
  await admin.end();
  return rows.map((r) => Number(r.pid));
}

type Measured = { result: Result; serverUs: number | null; databaseUs: number | null };

async function run(route: Route, seconds: number): Promise<Measured> {
  const dbPids = await databasePids();
  const server0 = processCpuMs(server.pid!);
  const db0 = totalCpuMs(dbPids);
  const result: Result = await autocannon({
    ...route.request,
    connections: CONNECTIONS,
    duration: seconds,
  });
  const expected = result.statusCodeStats?.[String(route.status)]?.count ?? 0;
  if (result.errors || expected !== result.requests.total) {
    throw new Error(
      `${route.name}: ${result.requests.total - expected} answers other than ${route.status}, ${result.errors} errors`,
    );
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
  for (const route of routes) await run(route, WARMUP);
  // Short rounds in rotating order, compared by their medians: a neighbour's burst of load on a
  // shared machine then skews one round instead of one whole route.
  const measured: Measured[][] = routes.map(() => []);
  console.log(
    `\n${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION} s per route in rotating order, ${pgliteDir ? "PGlite" : "PostgreSQL"}`,
  );
  const rate = (m: Measured) => m.result.requests.average;
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < routes.length; i++) {
      const index = (i + round) % routes.length;
      measured[index]!.push(await run(routes[index]!, DURATION));
    }
    const [health, token, floor] = measured.map((runs) => rate(runs[round]!));
    console.log(
      `round ${round + 1}: health ${health!.toFixed(0)} req/s, token ${token!.toFixed(0)} req/s, ` +
        `form POST floor ${floor!.toFixed(0)} req/s, ratio ${(token! / health!).toFixed(2)}`,
    );
  }
  const cpu = (values: (number | null)[]) =>
    values.includes(null) ? "n/a" : `${median(values as number[]).toFixed(0)} µs`;
  console.log("\nmedians over the rounds");
  routes.forEach((route, i) => {
    const runs = measured[i]!;
    const p50 = median(runs.map((r) => r.result.latency.p50));
    const p99 = median(runs.map((r) => r.result.latency.p99));
    const database = serverUrl ? `, PostgreSQL ${cpu(runs.map((r) => r.databaseUs))}` : "";
    console.log(
      `${route.name.padEnd(22)} ${median(runs.map(rate)).toFixed(0).padStart(7)} req/s   ` +
        `p50 ${String(p50).padStart(4)} ms   p99 ${String(p99).padStart(4)} ms   ` +
        `CPU per request: server ${cpu(runs.map((r) => r.serverUs))}${database}`,
    );
  });
  const ratio = (a: number, b: number) =>
    median(measured[a]!.map((m, round) => rate(m) / rate(measured[b]![round]!))).toFixed(2);
  console.log(`ratio token/health: ${ratio(1, 0)} (median of the rounds' ratios; target 0.8)`);
  console.log(`ratio form POST floor/health: ${ratio(2, 0)} (the ceiling for any form POST)`);
  console.log(`ratio token/form POST floor: ${ratio(1, 2)}`);
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
