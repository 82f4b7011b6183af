// kill -9 of an app instance: first inside a transaction that waits on a row lock, then 20 times
// at random instants under mixed load. Committed state is whole every time.
import { expect } from "vitest";
import type { AppInstance } from "../support/app";
import type { Environment } from "../support/environment";
import { loop, type Reply } from "../support/http";
import { checkInvariants } from "../support/invariants";
import { ms, n, record } from "../support/record";
import {
  act,
  byStatus,
  createKey,
  createOAuthClient,
  currentSecretId,
  expectInvariants,
  me,
  regenerate,
  revoke,
  token,
} from "./common";

const KILLS = 20;
const SEED = 0x5eed;

/** mulberry32: a small seeded generator, so the kill instants are the same on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function killInsideTransaction(env: Environment) {
  const client = env.clientFrom(15);
  const { id, key } = await createKey(env, env.a, client, "Killed mid-transaction");
  const seen = (await currentSecretId(env, id))!;
  const holder = await env.sql.reserve();
  await holder`begin`;
  await holder`select id from api_keys where id = ${id} for update`;
  const pending = regenerate(env, env.a, client, id, seen);
  // the regenerate is inside its transaction, waiting for the row lock psql-style holds
  await waitFor("the regenerate to wait on the lock", async () => {
    const [row] = await env.sql<{ waiting: number }[]>`
      select count(*)::int as waiting from pg_locks
      where not granted and locktype in ('transactionid', 'tuple', 'relation')`;
    return row!.waiting > 0;
  });
  await env.a.kill();
  const cut = await pending;
  await holder`rollback`;
  holder.release();
  await waitFor("the killed instance's backend to end", async () => {
    const [row] = await env.sql<{ waiting: number }[]>`
      select count(*)::int as waiting from pg_locks where not granted`;
    return row!.waiting === 0;
  });
  await env.a.start();
  expect(cut.status).toBe(0); // the caller got no answer
  const [secrets] = await env.sql<{ count: number }[]>`
    select count(*)::int from api_key_secrets where key_id = ${id}`;
  const [events] = await env.sql<{ count: number }[]>`
    select count(*)::int from audit_events where target_id = ${id} and event = 'api_key.regenerated'`;
  expect(secrets!.count).toBe(1); // no successor
  expect(events!.count).toBe(0); // no audit row
  for (const app of [env.a, env.b]) expect((await me(app, client, key)).status).toBe(200);
}

async function killsUnderLoad(env: Environment) {
  const client = env.clientFrom(16);
  const stable = await createKey(env, env.a, client, "Kills: reader");
  const oauth = await createOAuthClient(env, env.a, client, "Kills: reader client");
  const rotating = await createOAuthClient(env, env.a, client, "Kills: rotated client");
  const credentials = { clientId: oauth.clientId, secret: oauth.clientSecret };
  const apps = [env.a, env.b];
  let stop = false;
  const replies: Reply[] = [];
  let writes = 0;
  const pause = (reply: Reply) =>
    reply.status === 0 ? new Promise((r) => setTimeout(r, 50)) : Promise.resolve();
  const reader = (app: AppInstance, send: () => Promise<Reply>) =>
    loop({
      workers: 2,
      durationMs: 10 * 60_000,
      until: () => stop,
      send: async () => {
        const reply = await send();
        replies.push(reply);
        await pause(reply);
        return reply;
      },
    });
  // a key's whole life, over and over: create, regenerate, revoke
  const writer = async (app: AppInstance, name: string) => {
    for (let i = 0; !stop; i++) {
      const created = await act(env, app, client, "createApiKey", {
        name: `${name} ${i}`,
        apis: ["data"],
      });
      writes += 1;
      const id = (created.result?.data as { id?: string } | undefined)?.id;
      if (!id) {
        await pause(created);
        continue;
      }
      const seen = await currentSecretId(env, id);
      if (seen) await regenerate(env, app, client, id, seen);
      await revoke(env, app, client, id);
      writes += 2;
    }
  };
  const rotator = async (app: AppInstance) => {
    while (!stop) {
      const reply = await act(env, app, client, "rotateOAuthClientSecret", { id: rotating.id });
      writes += 1;
      await pause(reply);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const load = Promise.all([
    ...apps.map((app) => reader(app, () => me(app, client, stable.key))),
    ...apps.map((app) => reader(app, () => token(app, client, credentials))),
    ...apps.map((app) => writer(app, `Kills on ${app.name}`)),
    rotator(env.a),
  ]);
  const next = random(SEED);
  const restarting = new Map<AppInstance, Promise<void>>();
  const instants: number[] = [];
  let checks = 0;
  for (let kill = 0; kill < KILLS; kill++) {
    const app = apps[kill % 2]!;
    await restarting.get(app);
    const instant = 200 + Math.floor(next() * 1300);
    instants.push(instant);
    await new Promise((r) => setTimeout(r, instant));
    await app.kill();
    restarting.set(app, app.start());
    // committed state is whole at every instant: checked while the instance comes back
    const report = await checkInvariants(env.sql, env.cluster, {
      chain: "in-process",
      dump: false,
    });
    expect(report.violations, `after kill ${kill + 1}: ${report.violations.join("\n")}`).toEqual(
      [],
    );
    checks += 1;
  }
  await Promise.all(restarting.values());
  await new Promise((r) => setTimeout(r, 1000));
  stop = true;
  await load;
  // the reader's key and client worked throughout, on whichever instance was up
  expect(replies.filter((r) => r.status !== 200 && r.status !== 0)).toEqual([]);
  const restarts = apps.flatMap((a) => a.startTimes.slice(-KILLS / 2));
  const restartMs = restarts.reduce((a, b) => a + b, 0) / restarts.length;
  return {
    answered: replies.filter((r) => r.status !== 0).length,
    statuses: byStatus(replies),
    writes,
    checks,
    instants,
    restartMs,
  };
}

export async function processKilled(env: Environment) {
  await killInsideTransaction(env);
  const figures = await killsUnderLoad(env);
  const report = await expectInvariants(env);
  record({
    scenario: "5. Process killed mid-transaction",
    load: `${n(figures.answered)} answered reads (me, token) and ${n(figures.writes)} writes (key create/regenerate/revoke, secret rotation) on 2 instances`,
    faults: `kill -9 during a regenerate waiting on a row lock; then ${KILLS} kill -9 at seeded instants (${ms(Math.min(...figures.instants))}–${ms(Math.max(...figures.instants))} after the instance was up), each restarted with npm start (${ms(figures.restartMs)} on average to healthy)`,
    badInputs: "—",
    outcome: `killed regenerate: old key still works, no successor, no audit event; invariants held after each of ${figures.checks} kills; reads ${JSON.stringify(figures.statuses)} (0: sent to an instance while it was down)`,
    nothingLost: `invariants hold (${n(report.keys)} keys, ${n(report.events)} audit events)`,
  });
}
