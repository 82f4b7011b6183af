// npm run bench:verify — GET /api/v1/me with a real key vs the unauthenticated GET /api/v1/ping,
// on the same built server in the same run (run `npm run build` first; the server is `npm start`'s).
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { createDb } from "@/db/client";
import { insertApiKey } from "@/db/queries/keys";
import { insertMembership } from "@/db/queries/memberships";
import { insertOrganization } from "@/db/queries/organizations";
import { insertUser } from "@/db/queries/users";
import { apiIds } from "@/lib/api-catalogue";
import { newSecret } from "@/lib/keys/secret";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = 3;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** A fresh database with one Enterprise org, its owner and a key, made before the server opens it. */
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
  await handle.close();
  return key;
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
const key = await prepareDatabase(dataDir);
const port = await freePort();
const server = spawn(process.execPath, ["--conditions=react-server", "dist/server.js"], {
  env: {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    ...(dataDir ? { PGLITE_DIR: dataDir, DATABASE_URL: "" } : {}),
    AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-only-secret-0123456789abcdef0123456789",
  },
  stdio: ["ignore", "ignore", "inherit"],
  detached: true,
});
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
} finally {
  stop();
}
process.exit(0);
