// Steps the scenarios share: what a signed-in admin does through the real server actions, and
// what a machine does through the public API.
import { expect } from "vitest";
import { apiIds } from "@/lib/api-catalogue";
import { callAction, type ActionReply } from "../support/actions";
import type { AppInstance } from "../support/app";
import type { Environment } from "../support/environment";
import type { HttpClient, Reply } from "../support/http";
import { checkInvariants } from "../support/invariants";
import { remember } from "../support/secrets";

export function action(env: Environment, name: string) {
  const found = env.actions.get(name);
  if (!found) throw new Error(`server action ${name} not found on the pages`);
  return found;
}

/**
 * Calls server action `name` as the signed-in admin on a page of the organization. Every key or
 * client secret an answer reveals is remembered (scenario 10 looks for it everywhere else).
 */
export async function act(
  env: Environment,
  app: AppInstance,
  client: HttpClient,
  name: string,
  input: Record<string, unknown>,
  opts: { page?: string; cookie?: string } = {},
): Promise<ActionReply> {
  const found = action(env, name);
  const label = `${name} on ${app.name} at ${new Date().toISOString()}`;
  const reply = await callAction(client, app.origin, {
    id: found.id,
    pagePath: opts.page ?? found.page,
    cookie: opts.cookie ?? env.admin.cookie,
    input: { ...input, pageOrgId: env.org.id },
    label,
  });
  const data = reply.result?.ok
    ? (reply.result.data as Record<string, unknown> | undefined)
    : undefined;
  if (typeof data?.key === "string") remember(data.key, "api_key", label);
  if (typeof data?.clientSecret === "string") remember(data.clientSecret, "client_secret", label);
  return reply;
}

export async function createKey(
  env: Environment,
  app: AppInstance,
  client: HttpClient,
  name: string,
) {
  const reply = await act(env, app, client, "createApiKey", { name, apis: [...apiIds] });
  expect(reply.result, reply.body.slice(0, 300)).toMatchObject({ ok: true });
  return reply.result!.data as { id: string; key: string };
}

/** The current secret the key's details page shows (what its Regenerate dialog sends back). */
export async function seenSecretId(
  env: Environment,
  app: AppInstance,
  client: HttpClient,
  keyId: string,
) {
  const page = await client.capture(
    `key details page on ${app.name}`,
    app.url(`/settings/integrations/api-keys/${keyId}`),
    { headers: { cookie: env.admin.cookie } },
  );
  const id = /secretId\\?":\\?"([0-9a-f-]{36})/.exec(page.body)?.[1];
  if (!id) throw new Error(`no secretId on the details page of ${keyId} (${page.status})`);
  return id;
}

/** The current secret as the database has it: for loops that would not open the page each time. */
export async function currentSecretId(env: Environment, keyId: string) {
  const [row] = await env.sql<{ id: string }[]>`
    select id from api_key_secrets
    where key_id = ${keyId} and revoked_at is null and expires_at is null`;
  return row?.id;
}

export async function regenerate(
  env: Environment,
  app: AppInstance,
  client: HttpClient,
  keyId: string,
  secretId: string,
) {
  return act(env, app, client, "regenerateApiKey", { keyId, secretId, overlap: "now" });
}

export function revoke(env: Environment, app: AppInstance, client: HttpClient, keyId: string) {
  return act(env, app, client, "revokeApiKey", { keyId });
}

export async function createOAuthClient(
  env: Environment,
  app: AppInstance,
  client: HttpClient,
  name: string,
) {
  const reply = await act(env, app, client, "createOAuthClient", { name, apis: [...apiIds] });
  expect(reply.result, reply.body.slice(0, 300)).toMatchObject({ ok: true });
  return reply.result!.data as { id: string; clientId: string; clientSecret: string };
}

/**
 * What the fault scenarios keep calling through a fault: a working key, a revoked one (which must
 * never get a 200) and an OAuth client's credentials, made on A and named after the scenario.
 */
export async function faultCredentials(env: Environment, client: HttpClient, label: string) {
  const { key } = await createKey(env, env.a, client, `${label}: live`);
  const revoked = await createKey(env, env.a, client, `${label}: revoked`);
  expect((await revoke(env, env.a, client, revoked.id)).result).toMatchObject({ ok: true });
  const oauth = await createOAuthClient(env, env.a, client, `${label} client`);
  return {
    key,
    revokedKey: revoked.key,
    credentials: { clientId: oauth.clientId, secret: oauth.clientSecret },
  };
}

export function me(app: AppInstance, client: HttpClient, key: string): Promise<Reply> {
  return client.request(app.url("/api/v1/me"), {
    headers: { authorization: `Bearer ${key}` },
    timeoutMs: 20_000,
  });
}

export function token(
  app: AppInstance,
  client: HttpClient,
  credentials: { clientId: string; secret: string },
): Promise<Reply> {
  const basic = Buffer.from(`${credentials.clientId}:${credentials.secret}`).toString("base64");
  return client.request(app.url("/api/oauth/token"), {
    method: "POST",
    headers: {
      authorization: `Basic ${basic}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
    timeoutMs: 20_000,
  });
}

/** Invariants after a scenario; fails the test with every violation listed. */
export async function expectInvariants(
  env: Environment,
  chain: "command" | "in-process" = "command",
) {
  const report = await checkInvariants(env.sql, env.cluster, { chain });
  expect(report.violations, report.violations.join("\n")).toEqual([]);
  return report;
}

/** Counts of replies by status, e.g. { 200: 12, 503: 3 }. */
export function byStatus(replies: Reply[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const r of replies) out[r.status] = (out[r.status] ?? 0) + 1;
  return out;
}

/** No reply body looks like a stack trace or leaks an internal error. */
export function expectNoStackTrace(replies: Reply[]) {
  for (const r of replies) {
    expect(r.body).not.toMatch(/\n\s+at [^\n]+:\d+:\d+|ECONNREFUSED|PostgresError|node_modules/);
  }
}
