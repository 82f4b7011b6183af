// A test-only trigger makes every audit insert fail: each change is rolled back with it, and the
// caller is told so in plain words.
import { expect } from "vitest";
import type { Environment } from "../support/environment";
import { n, record } from "../support/record";
import { act, createKey, createOAuthClient, currentSecretId, expectInvariants, me } from "./common";

const NOT_RECORDED =
  "The change could not be recorded in the audit log, so it was not made. Please try again.";

async function fingerprint(env: Environment) {
  const [row] = await env.sql<{ digest: string }[]>`
    select md5(
      (select coalesce(string_agg(t::text, '|' order by t.id), '') from (
        select id, org_id, name, team_id, apis, status, archived_at from api_keys) t)
      || (select coalesce(string_agg(s::text, '|' order by s.id), '') from (
        select id, key_id, digest, expires_at, revoked_at from api_key_secrets) s)
      || (select coalesce(string_agg(c::text, '|' order by c.id), '') from (
        select id, name, secret_hash, apis, secret_generation, revoked_at from oauth_clients) c)
      || (select coalesce(string_agg(e.id::text, ',' order by e.id), '') from audit_events e)
      || (select coalesce(string_agg(m::text, '|' order by m.user_id), '') from memberships m)
      || (select coalesce(string_agg(t::text, '|' order by t.id), '') from teams t)
    ) as digest`;
  return row!.digest;
}

export async function auditWriteFails(env: Environment) {
  const client = env.clientFrom(18);
  const { id, key } = await createKey(env, env.a, client, "Audit fails: key");
  const oauth = await createOAuthClient(env, env.a, client, "Audit fails: client");
  const seen = (await currentSecretId(env, id))!;
  await env.sql.unsafe(`
    create function resilience_refuse_audit() returns trigger language plpgsql as $$
    begin raise exception 'audit insert refused by the resilience suite'; end $$;
    create trigger resilience_refuse_audit before insert on audit_events
      for each row execute function resilience_refuse_audit();`);
  const before = await fingerprint(env);
  const attempts = {
    "create key": () => act(env, env.a, client, "createApiKey", { name: "Never", apis: ["data"] }),
    "regenerate key": () =>
      act(env, env.b, client, "regenerateApiKey", { keyId: id, secretId: seen, overlap: "now" }),
    "edit key": () =>
      act(env, env.a, client, "updateApiKey", { keyId: id, name: "Renamed", apis: ["data"] }),
    "revoke key": () => act(env, env.b, client, "revokeApiKey", { keyId: id }),
    "create client": () =>
      act(env, env.a, client, "createOAuthClient", { name: "Never", apis: ["data"] }),
    "rotate client secret": () =>
      act(env, env.b, client, "rotateOAuthClientSecret", { id: oauth.id }),
    "revoke client": () => act(env, env.a, client, "revokeOAuthClient", { id: oauth.id }),
    "create team": () => act(env, env.b, client, "createTeam", { name: "Never" }),
  };
  const outcomes: string[] = [];
  try {
    for (const [what, attempt] of Object.entries(attempts)) {
      const reply = await attempt();
      expect(reply.status, what).toBe(200);
      expect(reply.result, `${what}: ${reply.body.slice(0, 300)}`).toEqual({
        ok: false,
        code: "not_recorded",
        message: NOT_RECORDED,
      });
      outcomes.push(what);
    }
    expect(await fingerprint(env)).toBe(before);
  } finally {
    await env.sql.unsafe(`
      drop trigger resilience_refuse_audit on audit_events;
      drop function resilience_refuse_audit();`);
  }
  // the key and the client still work as they did
  expect((await me(env.a, client, key)).status).toBe(200);
  const report = await expectInvariants(env);
  record({
    scenario: "7. Audit write fails",
    load: `${outcomes.length} changes on 2 instances`,
    faults: "a trigger refuses every audit_events insert",
    badInputs: "—",
    outcome: `all ${outcomes.length} changes (${outcomes.join(", ")}) refused with "${NOT_RECORDED}"; nothing changed`,
    nothingLost: `key and client work as before; invariants hold (${n(report.events)} audit events)`,
  });
}
