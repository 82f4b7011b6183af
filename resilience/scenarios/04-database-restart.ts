// PostgreSQL stopped with -m immediate under load and started again: only 503s meanwhile, and
// both instances recover without a restart.
import { expect } from "vitest";
import type { Environment } from "../support/environment";
import { json, loop, type Reply } from "../support/http";
import { ms, n, record } from "../support/record";
import {
  byStatus,
  expectInvariants,
  expectNoStackTrace,
  faultCredentials,
  me,
  token,
} from "./common";

const RECOVERY_LIMIT_MS = 10_000;
const OUTAGE_MS = 5000;
const LOOPS = 16;

export async function databaseRestart(env: Environment) {
  const client = env.clientFrom(14);
  const { key, revokedKey, credentials } = await faultCredentials(env, client, "Restart");
  const [before] = await env.sql<{ events: number; keys: number }[]>`
    select (select count(*) from audit_events)::int as events,
           (select count(*) from api_keys)::int as keys`;

  type Tagged = Reply & { route: string; app: string };
  const tagged: Tagged[] = [];
  const routes = [
    { route: "me (live key)", send: (app: typeof env.a) => me(app, client, key) },
    // from an address of its own per instance, and paced: its failures stay within the address's
    // budget (scenario 8 is where budgets run out), so every answer in the outage is the database's
    {
      route: "me (revoked key)",
      send: async (app: typeof env.a) => {
        await new Promise((r) => setTimeout(r, 400));
        return me(app, env.clientFrom(app === env.a ? 24 : 25), revokedKey);
      },
    },
    { route: "token", send: (app: typeof env.a) => token(app, client, credentials) },
    {
      route: "health",
      send: (app: typeof env.a) => client.request(app.url("/api/health"), { timeoutMs: 20_000 }),
    },
  ];
  let stopping = false;
  const load = Promise.all(
    [env.a, env.b].flatMap((app) =>
      routes.map(({ route, send }) =>
        loop({
          workers: LOOPS / 8,
          durationMs: 60_000,
          until: () => stopping,
          send: async () => {
            const reply = await send(app);
            tagged.push({ ...reply, route, app: app.name });
            if (reply.status === 0 || reply.status === 503) {
              await new Promise((r) => setTimeout(r, 20)); // no busy spin while it is down
            }
            return reply;
          },
        }),
      ),
    ),
  );
  await new Promise((r) => setTimeout(r, 2000));
  await env.cluster.stopImmediately();
  const downAt = performance.now();
  await new Promise((r) => setTimeout(r, OUTAGE_MS));
  const restartAt = performance.now();
  await env.cluster.start();
  const upAt = performance.now();
  // recovered: a live-key request sent after the server was up succeeds on each instance
  const recovered: Record<string, number> = {};
  while (performance.now() - upAt < RECOVERY_LIMIT_MS + 5000 && Object.keys(recovered).length < 2) {
    for (const r of tagged) {
      if (r.route === "me (live key)" && r.status === 200 && r.sentAt > upAt) {
        recovered[r.app] ??= r.receivedAt - upAt;
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 2000));
  stopping = true;
  await load;

  const outage = tagged.filter((r) => r.sentAt > downAt && r.receivedAt < restartAt);
  // each loop saw the outage: a request sent in its first seconds is answered before it ends
  expect(outage.length).toBeGreaterThanOrEqual(LOOPS);
  // during the outage: 503 with a JSON body, nothing else
  expect(byStatus(outage)).toEqual({ 503: outage.length });
  for (const r of outage) expect(json(r), r.body).not.toBeNull();
  // never a 200 for the revoked key, never a 500, never a stack trace, at any time
  expect(tagged.filter((r) => r.route === "me (revoked key)" && r.status === 200)).toHaveLength(0);
  expect(tagged.filter((r) => r.status === 500 || r.status === 0)).toHaveLength(0);
  // the live key and the client: their verdict (200) or 503, nothing else
  const live = tagged.filter((r) => r.route === "me (live key)" || r.route === "token");
  expect(Object.keys(byStatus(live)).filter((s) => s !== "200" && s !== "503")).toEqual([]);
  expectNoStackTrace(tagged);
  expect(Object.keys(recovered).sort()).toEqual(["A", "B"]);
  for (const t of Object.values(recovered)) expect(t).toBeLessThan(RECOVERY_LIMIT_MS);
  const after = tagged.filter((r) => r.sentAt > upAt + Math.max(...Object.values(recovered)));
  const [counts] = await env.sql<{ events: number; keys: number }[]>`
    select (select count(*) from audit_events)::int as events,
           (select count(*) from api_keys)::int as keys`;
  expect(counts).toEqual(before);
  const report = await expectInvariants(env);
  record({
    scenario: "4. Database restart mid-load",
    load: `${n(tagged.length)} requests (me, revoked key, token, health) from ${LOOPS} loops over 2 instances`,
    faults: `pg_ctl stop -m immediate, ${OUTAGE_MS / 1000} s down, start`,
    badInputs: "a revoked key throughout",
    outcome: `outage: ${n(outage.length)} requests, all 503 with a JSON body; recovered without restart in ${Object.entries(
      recovered,
    )
      .map(([app, t]) => `${app} ${ms(t)}`)
      .join(
        ", ",
      )} after start; then ${n(after.length)} requests ${JSON.stringify(byStatus(after))}`,
    nothingLost: `all ${n(before!.events)} audit events and ${n(before!.keys)} keys present; invariants hold (${n(report.keys)} keys)`,
  });
}
