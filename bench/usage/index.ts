// npm run bench:usage — CPU time of recordUsage(), the call every verified request makes to count
// itself (lib/usage/record.ts), in process: no server, no database. Medians of BENCH_ROUNDS rounds
// of BENCH_CALLS calls; compare with the ~1 ms of server CPU a verified request costs in total
// (bench:verify, bench:token).
import { pendingUsage, recordUsage, resetPendingUsage } from "@/lib/usage/record";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const CALLS = Number(process.env.BENCH_CALLS ?? 1_000_000);
const CREDENTIALS = 1000;

const orgId = crypto.randomUUID();
const ids = Array.from({ length: CREDENTIALS }, () => crypto.randomUUID());
const perCall: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  // Fresh id strings each round, as each request's database row brings its own.
  const fresh = ids.map((id) => JSON.parse(JSON.stringify(id)) as string);
  const start = process.cpuUsage();
  for (let i = 0; i < CALLS; i++) {
    recordUsage(
      { kind: "api_key", orgId, credentialId: fresh[i % CREDENTIALS]! },
      i % 7 ? "succeeded" : "insufficient_scope",
    );
  }
  const used = process.cpuUsage(start);
  perCall.push(((used.user + used.system) * 1000) / CALLS);
}
const counters = pendingUsage().length;
resetPendingUsage();
const sorted = [...perCall].sort((a, b) => a - b);
console.log(
  `recordUsage: median ${sorted[Math.floor(ROUNDS / 2)]!.toFixed(0)} ns CPU per call ` +
    `(${ROUNDS} rounds of ${CALLS.toLocaleString("en-US")} calls over ${CREDENTIALS} credentials, ` +
    `${counters} counters pending; rounds: ${perCall.map((n) => n.toFixed(0)).join(", ")})`,
);
process.exit(0);
