// Measures contenders in the same run: a warm-up each, then rounds in which every contender gets
// the same load for the same time, the order rotating from round to round so that a neighbour's
// burst of load on a shared machine skews one round, not one contender. Prints each round and
// the medians. The load generator is a child process (bench/lib/load.mjs: wrk when installed,
// else autocannon) on the same cores as the servers; its CPU share is printed with each round.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { groupCpuMs, totalCpuMs } from "./cpu";
import { backendPids } from "./database";
import { ServerError, type Server } from "./servers";

const run = promisify(execFile);
const loadGenerator = () =>
  process.env.BENCH_LOAD !== "autocannon" && existsSync("/usr/bin/wrk") ? "wrk" : "autocannon";
const loadScript = path.join(import.meta.dirname, "load.mjs");

export const settings = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 32),
  rounds: Number(process.env.BENCH_ROUNDS ?? 5),
  duration: Number(process.env.BENCH_DURATION ?? 10),
  warmup: Number(process.env.BENCH_WARMUP ?? 5),
};

export type HttpRequest = {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
};

export type Contender = {
  name: string;
  server: Server;
  request: HttpRequest;
  /** Every answer must have this status; anything else fails the run. */
  status: number;
  /** The PostgreSQL database it uses, to read its backends' CPU. */
  database?: string;
};

type Load = {
  rate: number;
  total: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
  seconds: number;
  cpuMs: number;
};

export type Measurement = Load & {
  /** CPU per request in microseconds, or null where it could not be read. */
  serverUs: number | null;
  databaseUs: number | null;
  /** The load generator's CPU as a share of one core over the round. */
  loadShare: number;
};

export type Outcome = {
  contender: Contender;
  rounds: Measurement[];
  rate: number;
  p50: number;
  p99: number;
  serverUs: number | null;
  databaseUs: number | null;
};

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function measure(contender: Contender, seconds: number): Promise<Measurement> {
  const pids = contender.database ? await backendPids(contender.database) : [];
  const server0 = groupCpuMs(contender.server.pgid);
  const db0 = totalCpuMs(pids);
  const { stdout } = await run(
    process.execPath,
    [
      loadScript,
      JSON.stringify({
        ...contender.request,
        status: contender.status,
        connections: settings.connections,
        duration: seconds,
      }),
    ],
    { maxBuffer: 1 << 20 },
  );
  const server1 = groupCpuMs(contender.server.pgid);
  const db1 = totalCpuMs(pids);
  const load = JSON.parse(stdout) as Load;
  const wrong = load.total - (load.statuses[String(contender.status)] ?? 0);
  if (load.errors || load.timeouts || wrong) {
    throw new ServerError(
      contender.server,
      `${contender.name}: ${wrong} answers other than ${contender.status} ` +
        `(${JSON.stringify(load.statuses)}), ${load.errors} errors, ${load.timeouts} timeouts`,
    );
  }
  const perRequest = (a: number | null, b: number | null) =>
    a === null || b === null || !load.total ? null : ((b - a) * 1000) / load.total;
  return {
    ...load,
    serverUs: perRequest(server0, server1),
    databaseUs: pids.length ? perRequest(db0, db1) : null,
    loadShare: load.cpuMs / (load.seconds * 1000),
  };
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const us = (n: number | null) => (n === null ? "n/a" : `${fmt(n)} µs`);
const ms = (n: number) => `${Number.isInteger(n) ? n : n.toFixed(1)} ms`;
const pct = (n: number) => `${Math.round(n * 100)}%`;

/** Warm-up, rotating rounds, per-round lines and the table of medians. The first contender is ours. */
export async function compare(contenders: Contender[]): Promise<Outcome[]> {
  const { rounds, duration, warmup, connections } = settings;
  console.log(
    `\n${connections} connections, warm-up ${warmup} s each, then ${rounds} round(s) of ${duration} s ` +
      `per contender in rotating order; the load generator (${loadGenerator()}) runs in a child ` +
      `process on the same cores`,
  );
  // JIT, connection pools, prepared statements and key caches settle here.
  for (const contender of contenders) await measure(contender, warmup);
  const measured: Measurement[][] = contenders.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < contenders.length; i++) {
      const index = (i + round) % contenders.length;
      measured[index]!.push(await measure(contenders[index]!, duration));
    }
    const parts = contenders.map((c, i) => {
      const m = measured[i]![round]!;
      return `${c.name} ${fmt(m.rate)} req/s p99 ${ms(m.p99)} (load gen ${pct(m.loadShare)} of a core)`;
    });
    const ratios = contenders
      .slice(1)
      .map(
        (c, i) =>
          `${(measured[0]![round]!.rate / measured[i + 1]![round]!.rate).toFixed(2)}× ${c.name}`,
      );
    console.log(
      `round ${round + 1}: ${parts.join(" | ")} | ${contenders[0]!.name} = ${ratios.join(", ")}`,
    );
  }

  const outcomes = contenders.map((contender, i) => {
    const runs = measured[i]!;
    const cpu = (values: (number | null)[]) =>
      values.includes(null) ? null : median(values as number[]);
    return {
      contender,
      rounds: runs,
      rate: median(runs.map((r) => r.rate)),
      p50: median(runs.map((r) => r.p50)),
      p99: median(runs.map((r) => r.p99)),
      serverUs: cpu(runs.map((r) => r.serverUs)),
      databaseUs: cpu(runs.map((r) => r.databaseUs)),
    };
  });
  const width = Math.max(...contenders.map((c) => c.name.length), 10);
  console.log(
    `\nmedians of ${rounds} round(s)\n${"".padEnd(width)}  ${"req/s".padStart(8)}  ${"p50".padStart(7)}  ` +
      `${"p99".padStart(7)}  ${"server CPU/req".padStart(14)}  ${"PostgreSQL CPU/req".padStart(18)}`,
  );
  for (const o of outcomes) {
    console.log(
      `${o.contender.name.padEnd(width)}  ${fmt(o.rate).padStart(8)}  ${ms(o.p50).padStart(7)}  ` +
        `${ms(o.p99).padStart(7)}  ${us(o.serverUs).padStart(14)}  ${us(o.databaseUs).padStart(18)}`,
    );
  }
  return outcomes;
}

/** info: printed for comparison, never failing the run. */
type Target = { label: string; pass: boolean; detail: string; info?: boolean };

/** Prints the verdict lines and PASS or FAIL; returns whether every target was met. */
export function verdict(targets: Target[]): boolean {
  console.log("");
  for (const t of targets) {
    console.log(`${t.info ? "INFO" : t.pass ? "PASS" : "FAIL"}  ${t.label}: ${t.detail}`);
  }
  const pass = targets.every((t) => t.pass);
  console.log(pass ? "\nPASS" : "\nFAIL");
  return pass;
}

/** A ratio printed for comparison, with no target. */
export function ratioInfo(ours: Outcome, peer: Outcome): Target {
  const { label, detail } = ratioTarget(ours, peer, 0);
  return { label, pass: true, info: true, detail: detail.replace(/; target ≥ 0×/, "") };
}

/** Ratio of our median req/s to a peer's, with its target. */
export function ratioTarget(ours: Outcome, peer: Outcome, atLeast: number): Target {
  const ratio = ours.rate / peer.rate;
  const a = cpuPerRequest(ours);
  const b = cpuPerRequest(peer);
  // The same comparison by CPU per request, which a busy machine disturbs less: what the ratio
  // would be if CPU were the only limit.
  const byCpu = a && b ? `; ${(b / a).toFixed(2)}× by server + PostgreSQL CPU per request` : "";
  return {
    label: `${ours.contender.name} / ${peer.contender.name}`,
    pass: ratio >= atLeast,
    detail: `${ratio.toFixed(2)}× (${fmt(ours.rate)} vs ${fmt(peer.rate)} req/s; target ≥ ${atLeast}×)${byCpu}`,
  };
}

/** Server plus database CPU per request; a contender without a database counts none. */
function cpuPerRequest(o: Outcome): number | null {
  if (o.serverUs === null) return null;
  if (!o.contender.database) return o.serverUs;
  return o.databaseUs === null ? null : o.serverUs + o.databaseUs;
}

export function p99Target(ours: Outcome, atMostMs: number): Target {
  return {
    label: `${ours.contender.name} p99`,
    pass: ours.p99 <= atMostMs,
    detail: `${ms(ours.p99)} (target ≤ ${atMostMs} ms)`,
  };
}
