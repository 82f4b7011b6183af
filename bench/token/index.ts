// npm run bench:token — client credentials grants per second against a no-auth baseline
// (/api/health, one `select 1`) on the same server in the same run. Needs `npx next build` first.
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

const PORT = Number(process.env.BENCH_PORT ?? 3490);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
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

const server = spawn("npx", ["next", "start", "-p", String(PORT)], {
  env: {
    ...process.env,
    AUTH_SECRET: authSecret,
    ...(pgliteDir ? { PGLITE_DIR: pgliteDir, DATABASE_URL: "" } : { DATABASE_URL: benchUrl! }),
  },
  stdio: ["ignore", "ignore", "inherit"],
  detached: true,
});

async function waitForServer() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not start");
}

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

async function run(name: string, options: { url: string }, seconds: number) {
  const result: Result = await autocannon({
    ...options,
    connections: CONNECTIONS,
    duration: seconds,
  });
  if (result.non2xx || result.errors) {
    throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  return result;
}

try {
  await waitForServer();
  const check = await fetch(tokenRequest.url, tokenRequest);
  if (check.status !== 200) throw new Error(`token endpoint answered ${check.status}`);
  // Warm-up: JIT, connection pool, signing key cache.
  await run("warm-up token", tokenRequest, 3);
  await run("warm-up health", healthRequest, 3);
  const health = await run("health", healthRequest, DURATION);
  const token = await run("token", tokenRequest, DURATION);
  const row = (name: string, r: Result) =>
    `${name.padEnd(22)} ${r.requests.average.toFixed(0).padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms`;
  console.log(
    `\n${CONNECTIONS} connections, ${DURATION} s each, ${pgliteDir ? "PGlite" : "PostgreSQL"}`,
  );
  console.log(row("GET /api/health", health));
  console.log(row("POST /api/oauth/token", token));
  console.log(
    `ratio token/health: ${(token.requests.average / health.requests.average).toFixed(2)}`,
  );
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
