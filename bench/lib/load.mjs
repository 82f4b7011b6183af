// The load generator, run as a child process of the benchmark so that its CPU is its own and can be
// reported; prints one JSON line. wrk (Debian's `wrk` package) when it is installed: written in C,
// it needs a fraction of the CPU autocannon needs for the same load, and on two shared cores
// whatever the load generator takes is taken from the servers. autocannon otherwise, or with
// BENCH_LOAD=autocannon. The options come as JSON in argv[2].
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const options = JSON.parse(process.argv[2]);
const WRK = "/usr/bin/wrk";
const useWrk = process.env.BENCH_LOAD !== "autocannon" && existsSync(WRK);
const result = useWrk ? await wrk(options) : await autocannonLoad(options);
process.stdout.write(JSON.stringify(result) + "\n");

async function autocannonLoad(options) {
  const { default: autocannon } = await import("autocannon");
  const { status: _expected, ...request } = options;
  const before = process.cpuUsage();
  const result = await autocannon(request);
  const cpu = process.cpuUsage(before);
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count]),
  );
  return {
    generator: "autocannon",
    rate: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
    seconds: result.duration,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

async function wrk(options) {
  const expected = options.status ?? 200;
  // wrk counts non-2xx/3xx answers itself; a per-response Lua callback is only paid when the
  // expected status is one of those.
  const countStatuses = expected < 200 || expected >= 400;
  const script = path.join(import.meta.dirname, "load-wrk.lua");
  const headers = Object.entries(options.headers ?? {})
    .map(([name, value]) => `${name}: ${value}`)
    .join("\n");
  // sh waits for wrk, then reads its own children's CPU (utime+stime of reaped children, in ticks).
  const { stdout } = await promisify(execFile)(
    "sh",
    [
      "-c",
      `"$0" "$@"; echo "CPU $(cut -d' ' -f16,17 /proc/$$/stat) $(getconf CLK_TCK)"`,
      WRK,
      "--threads",
      "1",
      "--connections",
      String(options.connections),
      "--duration",
      `${options.duration}s`,
      "--timeout",
      "10s",
      "--script",
      script,
      options.url,
    ],
    {
      env: {
        ...process.env,
        LOAD_METHOD: options.method ?? "GET",
        LOAD_BODY: options.body ?? "",
        LOAD_HEADERS: headers,
        LOAD_COUNT_STATUS: countStatuses ? "1" : "0",
      },
      maxBuffer: 1 << 20,
    },
  );
  const line = stdout.split("\n").find((l) => l.startsWith("WRK "));
  const cpuLine = stdout.split("\n").find((l) => l.startsWith("CPU "));
  if (!line || !cpuLine) throw new Error(`wrk printed no summary:\n${stdout}`);
  const r = JSON.parse(line.slice(4));
  const [utime, stime, hz] = cpuLine.slice(4).split(" ").map(Number);
  const seconds = r.micros / 1e6;
  const statuses = countStatuses
    ? r.statuses
    : { [String(expected)]: r.total - r.non2xx, ...(r.non2xx ? { other: r.non2xx } : {}) };
  return {
    generator: "wrk",
    rate: r.total / seconds,
    total: r.total,
    p50: r.p50,
    p99: r.p99,
    errors: r.errors,
    timeouts: r.timeouts,
    statuses,
    seconds,
    cpuMs: ((utime + stime) / hz) * 1000,
  };
}
