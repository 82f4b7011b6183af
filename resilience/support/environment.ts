// The suite's world: its own PostgreSQL cluster, the demo seed, two app instances started with
// `npm start` (A straight to the database, B through a fault-injecting TCP proxy), a signed-in
// admin and the server actions the pages use.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import postgres, { type Sql } from "postgres";
import { discoverActions, type ActionIds } from "./actions";
import { AppInstance } from "./app";
import { Cluster } from "./cluster";
import { HttpClient } from "./http";
import { closeInvariants } from "./invariants";
import { runDir } from "./record";
import { signIn } from "./session";
import { FaultyProxy } from "./tcp-proxy";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

export const PASSWORD = "resilience-demo-password";
export const AUTH_SECRET = "resilience-only-secret-0123456789abcdef0123456789";
/** DATABASE_TIMEOUT_MS of both instances: how long a request may wait for the database. */
export const DATABASE_TIMEOUT_MS = 3000;

export type Environment = {
  dir: string;
  cluster: Cluster;
  proxy: FaultyProxy;
  a: AppInstance;
  b: AppInstance;
  sql: Sql;
  actions: ActionIds;
  org: { id: string; slug: string };
  admin: { id: string; email: string; cookie: string };
  /** A client sending from 127.0.0.<n>: each scenario its own address, as separate callers. */
  clientFrom(n: number): HttpClient;
};

export async function freePort(from: number, to: number): Promise<number> {
  for (let port = from; port <= to; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}–${to}`);
}

export async function setUp(): Promise<Environment> {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    throw new Error("No production build: run `npm run build` (npm run test:resilience does).");
  }
  const dir = mkdtempSync(path.join(runDir(), "cluster-"));
  const cluster = new Cluster(dir, await freePort(55440, 55449));
  await cluster.init();
  await run("npm", ["run", "-s", "db:seed"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: cluster.url(), SEED_PASSWORD: PASSWORD },
    timeout: 120_000,
  });
  const proxy = new FaultyProxy({ host: "127.0.0.1", port: cluster.port });
  const proxyPort = await freePort(4150, 4199);
  await proxy.listen(proxyPort);
  const pids = path.join(runDir(), "pids");
  const env = (url: string) => ({
    DATABASE_URL: url,
    AUTH_SECRET,
    DATABASE_TIMEOUT_MS: String(DATABASE_TIMEOUT_MS),
    OUTBOX_DIR: path.join(dir, "outbox"),
  });
  const portA = await freePort(4100, 4148);
  const a = new AppInstance("A", portA, env(cluster.url()), path.join(runDir(), "app-a.log"), pids);
  const portB = await freePort(portA + 1, 4149);
  const b = new AppInstance(
    "B",
    portB,
    env(cluster.url("latchkey", proxyPort)),
    path.join(runDir(), "app-b.log"),
    pids,
  );
  // one after the other: each migrates at start-up
  await a.start();
  await b.start();
  const sql = postgres(cluster.url(), { max: 4, onnotice: () => {} });
  const [org] = await sql<{ id: string; slug: string }[]>`
    select id, slug from organizations where slug = 'acme'`;
  const [admin] = await sql<{ id: string; email: string }[]>`
    select id, email from users where email = 'admin@acme.test'`;
  const setupClient = new HttpClient("127.0.0.1");
  const cookie = await signIn(setupClient, a.origin, admin!.email, PASSWORD);
  const actions = await discoverActions(
    setupClient,
    a.origin,
    [
      "/settings/integrations",
      "/admin/api-management",
      "/settings/members",
      "/settings/teams",
      "/settings/audit-logs",
      "/settings/general",
    ]
      .map((path) => ({ path, cookie }))
      .concat(["/login", "/setup", "/invite/not-a-token"].map((path) => ({ path, cookie: "" }))),
  );
  const clients = new Map<number, HttpClient>();
  return {
    dir,
    cluster,
    proxy,
    a,
    b,
    sql,
    actions,
    org: org!,
    admin: { ...admin!, cookie },
    clientFrom(n) {
      if (!clients.has(n)) clients.set(n, new HttpClient(`127.0.0.${n}`));
      return clients.get(n)!;
    },
  };
}

/** Brings both instances and the cluster back if a failed scenario left them down. */
export async function ensureUp(env: Environment) {
  if (!(await env.cluster.isRunning())) await env.cluster.start();
  env.proxy.setMode({ kind: "pass" });
  for (const app of [env.a, env.b]) if (!app.running) await app.start();
}

export async function tearDown(env: Environment | undefined) {
  if (!env) return;
  await env.a.kill();
  await env.b.kill();
  await env.proxy.close();
  await closeInvariants();
  await env.sql.end({ timeout: 1 });
  await env.cluster.stopImmediately().catch(() => {});
}

/** Process exit without teardown (a crash of the runner): no app or server outlives the suite. */
export function killOnExit(env: Environment) {
  process.once("exit", () => {
    env.a.killNow();
    env.b.killNow();
  });
}
