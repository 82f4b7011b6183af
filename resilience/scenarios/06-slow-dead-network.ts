// B's road to PostgreSQL gets 2 s slower, then black-holed, then reset, then healed: B fails
// closed (503) within its DATABASE_TIMEOUT_MS, never open, and its pool recovers by itself.
import { expect } from "vitest";
import { DATABASE_TIMEOUT_MS, type Environment } from "../support/environment";
import { json, loop, percentile, type Reply } from "../support/http";
import { ms, n, record } from "../support/record";
import type { ProxyMode } from "../support/tcp-proxy";
import {
  byStatus,
  expectInvariants,
  expectNoStackTrace,
  faultCredentials,
  me,
  token,
} from "./common";

const RECOVERY_LIMIT_MS = 10_000;
// the deadline, plus the time a busy two-core machine may take to schedule the answer
const SLACK_MS = 1500;
const PHASES: { name: string; mode: ProxyMode; ms: number }[] = [
  { name: "2 s latency", mode: { kind: "delay", ms: 1000 }, ms: 8000 }, // 1 s each way
  { name: "black hole", mode: { kind: "blackhole" }, ms: 6000 },
  { name: "resets", mode: { kind: "reset" }, ms: 3000 },
];

export async function slowDeadNetwork(env: Environment) {
  const client = env.clientFrom(17);
  const { key, revokedKey, credentials } = await faultCredentials(env, client, "Network");
  // B has used its pool before the faults begin
  expect((await me(env.b, client, key)).status).toBe(200);

  type Tagged = Reply & { route: string; phase: string };
  const tagged: Tagged[] = [];
  let phase = "before";
  let stop = false;
  const routes = [
    { route: "me (live key)", send: () => me(env.b, client, key) },
    // from an address of its own: its failures must not spend the live key's address budget
    { route: "me (revoked key)", send: () => me(env.b, env.clientFrom(27), revokedKey) },
    { route: "token", send: () => token(env.b, client, credentials) },
  ];
  const load = Promise.all(
    routes.map(({ route, send }) =>
      loop({
        workers: 3,
        durationMs: 10 * 60_000,
        until: () => stop,
        send: async () => {
          const sentIn = phase;
          const reply = await send();
          tagged.push({ ...reply, route, phase: sentIn });
          if (reply.status !== 200) await new Promise((r) => setTimeout(r, 25));
          return reply;
        },
      }),
    ),
  );
  await new Promise((r) => setTimeout(r, 1000));
  const ends: Record<string, number> = {};
  for (const p of PHASES) {
    phase = p.name;
    env.proxy.setMode(p.mode);
    await new Promise((r) => setTimeout(r, p.ms));
    ends[p.name] = performance.now();
  }
  phase = "healed";
  env.proxy.setMode({ kind: "pass" });
  const healedAt = performance.now();
  let recoveredAfter: number | undefined;
  while (performance.now() - healedAt < RECOVERY_LIMIT_MS + 5000 && recoveredAfter === undefined) {
    const ok = tagged.find(
      (r) => r.phase === "healed" && r.route === "me (live key)" && r.status === 200,
    );
    if (ok) recoveredAfter = ok.receivedAt - healedAt;
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 2000));
  stop = true;
  await load;

  // nothing fails open: the revoked key and wrong answers never get a 200
  expect(tagged.filter((r) => r.route === "me (revoked key)" && r.status === 200)).toEqual([]);
  // every answer during the faults is the right verdict or a 503 with a JSON body
  const faulty = tagged.filter((r) => PHASES.some((p) => p.name === r.phase));
  for (const r of faulty) {
    const right = r.route === "me (revoked key)" ? [401, 429] : [200];
    expect(
      [...right, 503],
      `${r.route} in ${r.phase}: ${r.status} ${r.body.slice(0, 200)}`,
    ).toContain(r.status);
    if (r.status === 503) expect(json(r)).toMatchObject({ error: "temporarily_unavailable" });
    // within the configured timeout
    expect(r.receivedAt - r.sentAt, `${r.route} in ${r.phase}`).toBeLessThan(
      DATABASE_TIMEOUT_MS + SLACK_MS,
    );
  }
  expectNoStackTrace(tagged);
  for (const p of PHASES.slice(1)) {
    // answered while the database was unreachable (a request sent at the end of a phase may be
    // answered, rightly, once the road is back)
    const inPhase = faulty.filter(
      (r) => r.phase === p.name && r.route !== "me (revoked key)" && r.receivedAt < ends[p.name]!,
    );
    expect(inPhase.length, p.name).toBeGreaterThan(0);
    expect(
      inPhase.filter((r) => r.status === 200),
      p.name,
    ).toEqual([]);
  }
  expect(recoveredAfter).toBeLessThan(RECOVERY_LIMIT_MS);
  const report = await expectInvariants(env);
  const summary = PHASES.map((p) => {
    const inPhase = tagged.filter((r) => r.phase === p.name);
    const p99 = percentile(
      inPhase.map((r) => r.receivedAt - r.sentAt),
      99,
    );
    return `${p.name}: ${JSON.stringify(byStatus(inPhase))}, p99 ${ms(p99)}`;
  }).join("; ");
  record({
    scenario: "6. Slow and dead database network",
    load: `${n(tagged.length)} requests (me, revoked key, token) from 9 loops on B`,
    faults: `TCP proxy between B and PostgreSQL: +2 s round trip (8 s), black hole (6 s), resets (3 s); DATABASE_TIMEOUT_MS=${DATABASE_TIMEOUT_MS}`,
    badInputs: "a revoked key throughout",
    outcome: `${summary}; pool recovered ${ms(recoveredAfter!)} after healing, no restart`,
    nothingLost: `no 200 for the revoked key; invariants hold (${n(report.events)} audit events)`,
  });
}
