// The load generator, run as a child process of the benchmark so that its CPU is its own and can be
// reported: autocannon with the options given as JSON in argv[2]; prints one JSON line.
import autocannon from "autocannon";

const options = JSON.parse(process.argv[2]);
const before = process.cpuUsage();
const result = await autocannon(options);
const cpu = process.cpuUsage(before);
const statuses = Object.fromEntries(
  Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count]),
);
process.stdout.write(
  JSON.stringify({
    rate: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
    seconds: result.duration,
    cpuMs: (cpu.user + cpu.system) / 1000,
  }) + "\n",
);
