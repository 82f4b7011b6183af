// Revoke on A while B serves the key in a loop: nothing sent after A's answer succeeds.
import { expect } from "vitest";
import type { Environment } from "../support/environment";
import { loop, type Reply } from "../support/http";
import { ms, n, record } from "../support/record";
import { byStatus, createKey, expectInvariants, me, revoke } from "./common";

const LOAD_RATE = 400; // requests per second on B

export async function revokeUnderLoad(env: Environment) {
  const client = env.clientFrom(13);
  const { id, key } = await createKey(env, env.a, client, "Revoke under load");
  let acknowledgedAt = Infinity;
  let revokeSentAt = 0;
  // paced: once the key is revoked its refusals cost the server next to nothing, and an unpaced
  // loop would only spin
  const load = loop({
    workers: 8,
    pace: LOAD_RATE,
    durationMs: 5000,
    send: () => me(env.b, client, key),
  });
  await new Promise((r) => setTimeout(r, 2000));
  const revoked = await revoke(env, env.a, client, id);
  revokeSentAt = revoked.sentAt;
  acknowledgedAt = revoked.receivedAt;
  expect(revoked.result).toMatchObject({ ok: true });
  const replies: Reply[] = await load;
  const before = replies.filter((r) => r.receivedAt < revokeSentAt);
  const after = replies.filter((r) => r.sentAt > acknowledgedAt);
  const inFlight = replies.length - before.length - after.length;
  // the load was real on both sides of the revoke
  expect(before.filter((r) => r.status === 200).length).toBeGreaterThan(20);
  expect(after.length).toBeGreaterThan(20);
  // zero successes for requests sent after A acknowledged
  expect(after.filter((r) => r.status === 200)).toHaveLength(0);
  expect(after.every((r) => r.status === 401 || r.status === 429)).toBe(true);
  const report = await expectInvariants(env);
  record({
    scenario: "3. Revoke under load on two instances",
    load: `${n(replies.length)} requests on B from 8 loops paced at ${LOAD_RATE}/s for 5 s (2 instances)`,
    faults: "revoke on A mid-load",
    badInputs: `${n(after.length)} requests with the key after the revoke`,
    outcome: `0 of ${n(after.length)} requests sent after A's answer succeeded (${JSON.stringify(byStatus(after))}); revoke took ${ms(acknowledgedAt - revokeSentAt)}, ${inFlight} in flight meanwhile`,
    nothingLost: `invariants hold (${n(report.keys)} keys, ${n(report.events)} audit events)`,
  });
}
