// 50 regenerates of one key from the same screen, split over two instances: exactly one wins.
import { expect } from "vitest";
import type { Environment } from "../support/environment";
import { n, record } from "../support/record";
import { createKey, expectInvariants, me, regenerate, seenSecretId } from "./common";

export const CONFLICT = "This key was changed by someone else; reload and try again.";

export async function concurrentRegenerate(env: Environment) {
  const client = env.clientFrom(11);
  const { id, key: old } = await createKey(env, env.a, client, "Concurrent regenerate");
  // every caller saw the same screen, so each sends the same secret back
  const seen = await seenSecretId(env, env.a, client, id);
  const replies = await Promise.all(
    Array.from({ length: 50 }, (_, i) => regenerate(env, i % 2 ? env.b : env.a, client, id, seen)),
  );
  const won = replies.filter((r) => r.result?.ok);
  const conflicts = replies.filter(
    (r) => r.result?.ok === false && r.result.code === "conflict" && r.result.message === CONFLICT,
  );
  expect(replies.map((r) => r.status)).toEqual(Array(50).fill(200));
  expect(won).toHaveLength(1);
  expect(conflicts).toHaveLength(49);
  const fresh = (won[0]!.result!.data as { key: string }).key;
  const [events] = await env.sql<{ count: number }[]>`
    select count(*)::int from audit_events
    where event = 'api_key.regenerated' and target_id = ${id}`;
  expect(events!.count).toBe(1);
  for (const app of [env.a, env.b]) {
    expect((await me(app, client, old)).status).toBe(401);
    expect((await me(app, client, fresh)).status).toBe(200);
  }
  const report = await expectInvariants(env);
  record({
    scenario: "1. Concurrent regenerate",
    load: "50 simultaneous regenerates of one key, 25 per instance (2 instances)",
    faults: "race between instances",
    badInputs: "49 regenerates from a screen made stale by the winner",
    outcome: `1 succeeded, ${conflicts.length} conflicts; 1 audit event; old key 401 on both instances`,
    nothingLost: `invariants hold (${n(report.keys)} keys, ${n(report.events)} audit events)`,
  });
}
