// Regenerate racing revoke, 100 times: every end state is one that some serial order gives.
import { expect } from "vitest";
import type { Environment } from "../support/environment";
import { n, record } from "../support/record";
import { createKey, currentSecretId, expectInvariants, me, regenerate, revoke } from "./common";

const ROUNDS = 100;

export async function regenerateRevokeRace(env: Environment) {
  const client = env.clientFrom(12);
  const orders = { regenerateFirst: 0, revokeFirst: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    const { id } = await createKey(env, env.a, client, `Race ${round}`);
    const seen = (await currentSecretId(env, id))!;
    // each instance plays each part in turn
    const [regenerateOn, revokeOn] = round % 2 ? [env.a, env.b] : [env.b, env.a];
    const [regen, rev] = await Promise.all([
      regenerate(env, regenerateOn, client, id, seen),
      revoke(env, revokeOn, client, id),
    ]);
    const [key] = await env.sql<{ status: string }[]>`select status from api_keys where id = ${id}`;
    const secrets = await env.sql<{ live: boolean }[]>`
      select revoked_at is null and (expires_at is null or expires_at > now()) as live
      from api_key_secrets where key_id = ${id}`;
    const events = await env.sql<{ event: string }[]>`
      select event from audit_events where target_id = ${id} order by seq`;
    const trail = events.map((e) => e.event).join(" → ");
    // a successful revoke leaves no live secret, whichever order it ran in
    expect(rev.result, `round ${round}`).toMatchObject({ ok: true });
    expect(key?.status).toBe("archived");
    expect(secrets.filter((s) => s.live)).toHaveLength(0);
    if (regen.result?.ok) {
      // regenerate, then revoke: two secrets, the new one dead with the key
      orders.regenerateFirst += 1;
      expect(trail).toBe("api_key.created → api_key.regenerated → api_key.revoked");
      expect(secrets).toHaveLength(2);
      const fresh = (regen.result.data as { key: string }).key;
      // refused (401, or 429 once this address has failed often enough)
      expect([401, 429]).toContain((await me(env.a, client, fresh)).status);
    } else {
      // revoke, then regenerate: refused as not found, nothing issued
      orders.revokeFirst += 1;
      expect(regen.result, `round ${round}: ${regen.body.slice(0, 200)}`).toMatchObject({
        ok: false,
        code: "not_found",
      });
      expect(trail).toBe("api_key.created → api_key.revoked");
      expect(secrets).toHaveLength(1);
    }
  }
  const report = await expectInvariants(env);
  record({
    scenario: "2. Regenerate vs revoke race",
    load: `${ROUNDS} rounds, regenerate and revoke of one key at once on different instances (2 instances)`,
    faults: "race between instances",
    badInputs: "regenerates of a key revoked a moment earlier",
    outcome: `every end state serial: regenerate→revoke ${orders.regenerateFirst}, revoke→regenerate ${orders.revokeFirst}; no live secret after any revoke`,
    nothingLost: `invariants hold (${n(report.keys)} keys, ${n(report.events)} audit events)`,
  });
}
