// npm run bench:frameworks — which framework should carry the machine door? The same key lookup
// (SHA-256 of the key, then Latchkey's one indexed read through postgres.js) served by Hono on
// @hono/node-server and by Fastify, against the floor: plain node:http answering after one
// `select 1`. Alternating rounds on one PostgreSQL database of its own; medians and ratios.
// Needs DATABASE_URL. Installs Fastify into bench/frameworks/node_modules on first run.
// BENCH_CONNECTIONS, BENCH_ROUNDS, BENCH_DURATION (seconds per server and round).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import autocannon from "autocannon";

type Result = autocannon.Result;
import postgres from "postgres";
import { createDb } from "@/db/client";
import { insertApiKey } from "@/db/queries/keys";
import { insertMembership } from "@/db/queries/memberships";
import { insertOrganization } from "@/db/queries/organizations";
import { insertUser } from "@/db/queries/users";
import { apiIds } from "@/lib/api-catalogue";
import { newSecret } from "@/lib/secrets/prefixed";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const WARMUP = 3;
const here = import.meta.dirname;

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error("bench:frameworks needs DATABASE_URL (the floor is a postgres.js server).");
  process.exit(1);
}

if (!existsSync(path.join(here, "node_modules", "fastify"))) {
  console.log("installing Fastify into bench/frameworks …");
  execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--prefix", here], { stdio: "inherit" });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

const dbName = `lk_bench_fw_${randomBytes(4).toString("hex")}`;
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${dbName}`);
await admin.end();
const url = new URL(serverUrl);
url.pathname = `/${dbName}`;
const benchUrl = url.toString();

const handle = createDb({ url: benchUrl });
await handle.migrate();
const org = await insertOrganization(handle.db, {
  name: "Bench",
  slug: "bench",
  plan: "enterprise",
});
const user = await insertUser(handle.db, {
  email: "bench@example.test",
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

type Contender = { name: string; file: string; env?: Record<string, string>; path: string };
const contenders: Contender[] = [
  { name: "floor: node:http + select 1", file: "floor.mjs", path: "/" },
  { name: "Hono (@hono/node-server)", file: "hono.mjs", path: "/api/v1/me" },
  {
    name: "Hono, global Response kept",
    file: "hono.mjs",
    env: { HONO_NATIVE_RESPONSE: "1" },
    path: "/api/v1/me",
  },
  { name: "Fastify", file: "fastify.mjs", path: "/api/v1/me" },
];

const children: ChildProcess[] = [];
const stopAll = () => children.forEach((c) => c.kill("SIGTERM"));
process.on("exit", stopAll);

async function waitFor(target: string, headers: Record<string, string>) {
  for (let i = 0; i < 120; i++) {
    try {
      const response = await fetch(target, { headers });
      if (response.ok) return;
      throw new Error(`${target} answered ${response.status}`);
    } catch (error) {
      if (error instanceof Error && /answered/.test(error.message)) throw error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${target} did not start`);
}

/** CPU milliseconds a process has used (Linux /proc: utime + stime, in 10 ms ticks). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

try {
  const headers = { authorization: `Bearer ${key}` };
  const targets: string[] = [];
  for (const c of contenders) {
    const port = await freePort();
    children.push(
      spawn(process.execPath, [path.join(here, "servers", c.file)], {
        env: { ...process.env, ...c.env, DATABASE_URL: benchUrl, PORT: String(port) },
        stdio: ["ignore", "ignore", "inherit"],
      }),
    );
    const target = `http://127.0.0.1:${port}${c.path}`;
    await waitFor(target, headers);
    targets.push(target);
  }
  const run = (i: number, seconds: number): Promise<Result> =>
    autocannon({ url: targets[i]!, connections: CONNECTIONS, duration: seconds, headers });
  // Server CPU per request: what a neighbour's load on a shared machine disturbs less than req/s.
  const cpuPerRequest: number[][] = contenders.map(() => []);
  for (let i = 0; i < contenders.length; i++) await run(i, WARMUP);

  console.log(
    `\n${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION} s per server in rotating order, PostgreSQL`,
  );
  const results: Result[][] = contenders.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (let j = 0; j < contenders.length; j++) {
      const i = (j + round) % contenders.length;
      const before = cpuMs(children[i]!.pid!);
      const result = await run(i, DURATION);
      cpuPerRequest[i]!.push(((cpuMs(children[i]!.pid!) - before) * 1000) / result.requests.total);
      if (result.errors || result.non2xx) {
        throw new Error(
          `${contenders[i]!.name}: ${result.errors} errors, ${result.non2xx} non-2xx`,
        );
      }
      results[i]!.push(result);
    }
    console.log(
      `round ${round + 1}: ` +
        contenders
          .map((c, i) => `${c.name} ${results[i]![round]!.requests.average.toFixed(0)}`)
          .join(", "),
    );
  }
  console.log("\nmedians over the rounds");
  const rate = (r: Result) => r.requests.average;
  contenders.forEach((c, i) => {
    const runs = results[i]!;
    const ratio = median(runs.map((r, round) => rate(r) / rate(results[0]![round]!)));
    console.log(
      `${c.name.padEnd(30)} ${median(runs.map(rate)).toFixed(0).padStart(7)} req/s   ` +
        `p50 ${String(median(runs.map((r) => r.latency.p50))).padStart(3)} ms   ` +
        `p99 ${String(median(runs.map((r) => r.latency.p99))).padStart(3)} ms   ` +
        `× floor ${ratio.toFixed(2)}   server CPU ${median(cpuPerRequest[i]!).toFixed(0)} µs/request`,
    );
  });
} finally {
  stopAll();
  await new Promise((r) => setTimeout(r, 500));
  const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await cleanup.unsafe(`drop database if exists ${dbName} with (force)`);
  await cleanup.end();
}
process.exit(0);
