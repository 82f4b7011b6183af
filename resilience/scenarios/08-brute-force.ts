// Wrong keys and wrong client secrets flood in from 127.0.0.2 while a real integration keeps
// working from 127.0.0.3: the flood gets 429 with Retry-After, the integration never does and its
// p99 while Latchkey refuses the flood stays within 2× of its p99 while Latchkey does not. No
// forwarding header anywhere: the server sees the socket.
//
// Like is compared with like. On a shared two-core machine the flood's own traffic (its senders,
// the loopback network) loads the machine as much as refusing it loads the server; an attacker's
// machines would not share the server's. So the flood runs for the whole measurement, in processes
// of its own (support/flood.mjs), and only its target alternates: 4-second windows in which
// Latchkey (instance A) refuses it, between windows in which a stand-in (support/sham.mjs, plain
// node:http answering the same 429) does. Each flooded window's p99 is set against the quiet
// windows either side of it, so a neighbour's load weighs on both sides of each comparison, and
// the figure checked is the median of those ratios: one disturbed window does not decide it.
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { generateClientSecret, generateKey } from "@/lib/secrets/prefixed";
import { KEY_FAILURE_LIMIT } from "@/lib/api/key-failures";
import { CLIENT_FAILURE_LIMIT } from "@/lib/oauth/client-auth";
import { freePort, type Environment } from "../support/environment";
import { loop, percentile, type Reply } from "../support/http";
import { ms, n, record, runDir } from "../support/record";
import { checkInvariants } from "../support/invariants";
import { byStatus, createKey, createOAuthClient, me, token } from "./common";

const CHRT = "/usr/bin/chrt";
const FLOOD_RATE = 500; // requests per second, on each route
const WINDOW_MS = 2000;
const FLOODED_WINDOWS = 10; // 20 s of flood on Latchkey, between 11 quiet windows
// Before them, unmeasured: the flood's first contact (the budgets running out, code warming up).
const WARM_UP_MS = 2000;
const FLOOD_CONNECTIONS = 32; // per route, one request unanswered on each at most
const LEGIT_RATE = 120; // the integration's requests per second, half on each route
// Requests sent this close to a window's edges are left out: the flood changing target.
const EDGE_MS = 200;

type FloodWindow = {
  sent: number;
  statuses: Record<string, number>;
  errors: Record<string, number>;
  missingRetryAfter: number;
  ms: number;
  cpuMs: number;
};

type Flood = {
  sent: number;
  statuses: Record<string, number>;
  errors: Record<string, number>;
  missingRetryAfter: number;
  /** Requests per second reached while flooding Latchkey. */
  rate: number;
};

/**
 * One flood process sending `guesses` from 127.0.0.2 in the windows of `schedule` (epoch ms and
 * the origin each floods). Scheduled as idle (SCHED_IDLE) where `chrt` exists: it takes CPU from
 * the process timing the integration (its session's) only when that has none to use.
 */
function flood(
  kind: "me" | "token",
  guesses: string[],
  schedule: [number, number, string][],
): Promise<FloodWindow[]> {
  const file = path.join(runDir(), `flood-${kind}.txt`);
  writeFileSync(file, guesses.join("\n"));
  const script = path.join(import.meta.dirname, "../support/flood.mjs");
  const args = [script, kind, FLOOD_RATE, FLOOD_CONNECTIONS, "127.0.0.2", file];
  const argv = [process.execPath, ...args.map(String), JSON.stringify(schedule)];
  const [command, ...rest] = existsSync(CHRT) ? [CHRT, "--idle", "0", ...argv] : argv;
  const child = spawn(command!, rest, { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`flood ${kind} exited with ${code}`));
      resolve((JSON.parse(out.trim().split("\n").pop()!) as { windows: FloodWindow[] }).windows);
    });
  });
}

/** The stand-in, started like an app instance: a session (and so a CPU share) of its own. */
async function startSham(port: number): Promise<ChildProcess> {
  const script = path.join(import.meta.dirname, "../support/sham.mjs");
  const child = spawn(process.execPath, [script, String(port)], {
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  // killed with the app instances if this run dies before it does
  appendFileSync(path.join(runDir(), "pids"), `${child.pid}\n`);
  await new Promise<void>((resolve, reject) => {
    child.once("error", reject);
    child.stdout!.once("data", () => resolve());
  });
  return child;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const median = (values: number[]) => percentile(values, 50);
const merged = (counts: Record<string, number>[]) => {
  const out: Record<string, number> = {};
  for (const c of counts) {
    for (const [what, count] of Object.entries(c)) out[what] = (out[what] ?? 0) + count;
  }
  return out;
};

export async function bruteForce(env: Environment) {
  const setup = env.clientFrom(19);
  const { key } = await createKey(env, env.a, setup, "Brute force: real integration");
  const oauth = await createOAuthClient(env, env.a, setup, "Brute force: real client");
  const real = { clientId: oauth.clientId, secret: oauth.clientSecret };
  const legit = env.clientFrom(3);
  const shamPort = await freePort(4150, 4199);
  const sham = await startSham(shamPort);
  const shamOrigin = `http://127.0.0.1:${shamPort}`;

  // (Warm-up,) quiet, flooded, quiet, … quiet, on the wall clock the flood processes share, from
  // once they have had time to start.
  const epoch = Date.now() + 2000 + WARM_UP_MS;
  const windows = Array.from({ length: 2 * FLOODED_WINDOWS + 1 }, (_, i) => ({
    flooded: i % 2 === 1,
    start: epoch + i * WINDOW_MS,
    end: epoch + (i + 1) * WINDOW_MS,
  }));
  const schedule: [number, number, string][] = [
    [epoch - WARM_UP_MS, epoch, env.a.origin],
    ...windows.map((w): [number, number, string] => [
      w.start,
      w.end,
      w.flooded ? env.a.origin : shamOrigin,
    ]),
  ];
  const count = (FLOOD_RATE * (WARM_UP_MS + WINDOW_MS * windows.length)) / 1000;
  const wrongKeys = Array.from({ length: count }, () => generateKey());
  // guessing the real client's secret: its ID is public
  const wrongSecrets = Array.from({ length: count }, () =>
    Buffer.from(`${real.clientId}:${generateClientSecret()}`).toString("base64"),
  );
  const floods = Promise.all([
    flood("me", wrongKeys, schedule),
    flood("token", wrongSecrets, schedule),
  ]);

  // the integration, paced: alternately its key on /api/v1/me and its secret on the token endpoint
  type Timed = Reply & { at: number };
  const toEpoch = (t: number) => performance.timeOrigin + t;
  // the server's CPU at each window's edges (its few /proc files, read in well under a millisecond)
  const pids = env.a.pids();
  const cpuAt: number[] = [];
  const sampling = windows.map((w) =>
    setTimeout(() => cpuAt.push(env.a.cpuMs(pids)), w.start - Date.now()),
  );
  let replies: Timed[];
  let flooded: FloodWindow[][];
  let warmUp: FloodWindow[];
  try {
    await new Promise((r) => setTimeout(r, epoch - Date.now()));
    replies = (await loop({
      workers: 4,
      pace: LEGIT_RATE,
      durationMs: windows.at(-1)!.end - Date.now(),
      send: async (i) => {
        const reply = await (i % 2 ? token(env.a, legit, real) : me(env.a, legit, key));
        return { ...reply, at: toEpoch(reply.sentAt) };
      },
    })) as Timed[];
    cpuAt.push(env.a.cpuMs(pids));
    // the warm-up's figures apart from the measured windows'
    const all = await floods;
    warmUp = all.map((f) => f[0]!);
    flooded = all.map((f) => f.slice(1));
  } finally {
    sampling.forEach(clearTimeout);
    sham.kill("SIGKILL");
  }
  const minuteWindows = new Set(
    [{ start: epoch - WARM_UP_MS, end: epoch }, ...windows.filter((w) => w.flooded)].flatMap((w) =>
      [w.start, w.end - 1].map((t) => Math.floor(t / 60_000)),
    ),
  ).size;

  const figures = windows.map((w, i) => {
    const inside = replies.filter((r) => r.at >= w.start + EDGE_MS && r.at < w.end - EDGE_MS);
    const latencies = inside.map((r) => r.receivedAt - r.sentAt);
    return {
      flooded: w.flooded,
      requests: inside.length,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      serverCpuMs: cpuAt[i + 1]! - cpuAt[i]!,
      floodSent: sum(flooded.map((f) => f[i]!.sent)),
    };
  });
  // each flooded window against the mean of the quiet windows either side of it
  const ratios = figures.flatMap((f, i) =>
    f.flooded ? [f.p99 / ((figures[i - 1]!.p99 + figures[i + 1]!.p99) / 2)] : [],
  );
  const ratio = median(ratios);
  const floodedP99 = median(figures.filter((f) => f.flooded).map((f) => f.p99));
  const quietP99 = median(figures.filter((f) => !f.flooded).map((f) => f.p99));
  const [keys, secrets] = flooded.map((f, route): Flood => {
    const measured = f.filter((_, i) => windows[i]!.flooded);
    // what Latchkey answered, the warm-up included
    const onLatchkey = [warmUp[route]!, ...measured];
    return {
      sent: sum(onLatchkey.map((w) => w.sent)),
      statuses: merged(onLatchkey.map((w) => w.statuses)),
      errors: merged(onLatchkey.map((w) => w.errors)),
      missingRetryAfter: sum(onLatchkey.map((w) => w.missingRetryAfter)),
      rate: Math.round(sum(measured.map((w) => w.sent)) / ((FLOODED_WINDOWS * WINDOW_MS) / 1000)),
    };
  }) as [Flood, Flood];
  // the server's CPU per flood request: what a flooded window cost it over a quiet one
  const cpuOf = (f: boolean) =>
    median(figures.filter((x) => x.flooded === f).map((x) => x.serverCpuMs));
  const perWindow = (2 * FLOOD_RATE * WINDOW_MS) / 1000;
  const serverUs = Math.round(((cpuOf(true) - cpuOf(false)) * 1000) / perWindow);
  const generatorUs = Math.round(
    (sum(flooded.flat().map((w) => w.cpuMs)) * 1000) / sum(flooded.flat().map((w) => w.sent)),
  );
  const realStatuses = byStatus(replies);
  const list = (f: boolean, of: (x: (typeof figures)[number]) => number) =>
    figures
      .filter((x) => x.flooded === f)
      .map((x) => Math.round(of(x)))
      .join("/");
  const detail = `p99 flooded ${list(true, (x) => x.p99)} ms, quiet ${list(false, (x) => x.p99)} ms; ratios ${ratios.map((r) => r.toFixed(2)).join("/")}; p50 flooded ${list(true, (x) => x.p50)} ms, quiet ${list(false, (x) => x.p50)} ms`;
  // checked now and asserted last: the table says what held even when a latency check fails
  const invariants = await checkInvariants(env.sql, env.cluster);
  // recorded before the checks: the figures matter most when a check fails
  record({
    scenario: "8. Brute force",
    load: `from 127.0.0.2, paced at ${FLOOD_RATE}/s each for ${(WARM_UP_MS + windows.length * WINDOW_MS) / 1000} s: wrong keys on /api/v1/me and wrong secrets for the real client ID on the token endpoint, Latchkey refusing them for ${WARM_UP_MS / 1000} s unmeasured, then in ${FLOODED_WINDOWS} windows of ${WINDOW_MS / 1000} s (${n(keys.sent)} keys at ${keys.rate}/s, ${n(secrets.sent)} secrets at ${secrets.rate}/s in all), a stand-in in the ${FLOODED_WINDOWS + 1} between; from 127.0.0.3: ${n(replies.length)} real requests at ${LEGIT_RATE}/s throughout (1 instance)`,
    faults: "—",
    badInputs: `${n(keys.sent + secrets.sent)} guesses at Latchkey`,
    outcome: `flood: keys ${JSON.stringify(keys.statuses)}, secrets ${JSON.stringify(secrets.statuses)}, ${keys.missingRetryAfter + secrets.missingRetryAfter} refusals without Retry-After; Latchkey's CPU about ${serverUs} µs per refusal (the flood's senders ${generatorUs} µs per request); real client: ${JSON.stringify(realStatuses)}, p99 ${ratio.toFixed(2)}× quiet (median of flooded windows against their neighbours; medians ${ms(floodedP99)} flooded, ${ms(quietP99)} quiet)`,
    nothingLost: invariants.violations.length
      ? `${invariants.violations.length} invariant violations`
      : `invariants hold (${n(invariants.keys)} keys, ${n(invariants.events)} audit events)`,
  });
  console.log(`[resilience] 8. windows: ${detail}`);
  for (const [what, f, budget] of [
    ["wrong keys", keys, KEY_FAILURE_LIMIT],
    ["wrong secrets", secrets, CLIENT_FAILURE_LIMIT],
  ] as const) {
    // refused or limited, never anything else: refusals are decided without the database
    expect(f.statuses, `${what}; errors ${JSON.stringify(f.errors)}`).toEqual({
      ...(f.statuses["401"] ? { 401: f.statuses["401"] } : {}),
      429: f.statuses["429"],
    });
    expect(f.missingRetryAfter, what).toBe(0);
    // only the budget's worth of guesses gets a verdict in each minute the flood touched
    expect(f.statuses["401"] ?? 0, what).toBeLessThanOrEqual(budget * minuteWindows);
    expect(f.statuses["429"] ?? 0, what).toBeGreaterThan(0);
    // the flood was a flood: at least 80 % of its paced rate reached Latchkey
    expect(f.rate, what).toBeGreaterThanOrEqual(FLOOD_RATE * 0.8);
  }
  expect(realStatuses).toEqual({ 200: replies.length });
  for (const f of figures) expect(f.requests, "requests measured per window").toBeGreaterThan(100);
  expect(invariants.violations, invariants.violations.join("\n")).toEqual([]);
  expect(
    ratio,
    `p99 while Latchkey refuses the flood, against the quiet windows: ${detail}`,
  ).toBeLessThanOrEqual(2);
}
