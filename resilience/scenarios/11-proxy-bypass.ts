// Protected pages and actions asked for without a session, with the tricks that have bypassed
// Next's middleware elsewhere: x-middleware-subrequest, .rsc and prefetch variants, encoded
// paths. Nothing protected comes back, and nothing changes.
import { expect } from "vitest";
import { callAction } from "../support/actions";
import type { Environment } from "../support/environment";
import { n, record } from "../support/record";
import { createKey, createOAuthClient, expectInvariants } from "./common";

const HEADER_TRICKS: Record<string, string>[] = [
  {},
  { "x-middleware-subrequest": "middleware" },
  { "x-middleware-subrequest": "proxy" },
  { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
  { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
  {
    "x-middleware-subrequest":
      "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware",
  },
  { rsc: "1" },
  { rsc: "1", "next-router-prefetch": "1" },
  { rsc: "1", "next-router-segment-prefetch": "/_tree" },
  { "x-nextjs-data": "1" },
  { "x-middleware-prefetch": "1", purpose: "prefetch" },
  { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
];

function pathTricks(path: string): string[] {
  const [, first, ...rest] = path.split("/");
  return [
    path,
    `${path}.rsc`,
    `${path}?_rsc=1`,
    `${path}/`,
    `/${path}`,
    `/${first}/./${rest.join("/")}`,
    `/${first}%2F${rest.join("%2F")}`,
    `/%${first!.charCodeAt(0).toString(16)}${first!.slice(1)}/${rest.join("/")}`,
    `/${first!.toUpperCase()}/${rest.join("/")}`,
    `/_next/data/x${path}.json`,
    `${path}/index`,
  ];
}

export async function proxyBypass(env: Environment) {
  const client = env.clientFrom(22);
  const created = await createKey(env, env.a, client, "Bypass: key");
  const madeClient = await createOAuthClient(env, env.a, client, "Bypass: client");
  const key = { id: created.id, name: "Bypass: key" };
  const oauth = { id: madeClient.id, name: "Bypass: client", client_id: madeClient.clientId };
  const protectedPaths = [
    "/settings/integrations",
    `/settings/integrations/api-keys/${key.id}`,
    "/admin/api-management",
    `/admin/api-management/${oauth.id}`,
    "/settings/audit-logs",
    "/settings/members",
    "/settings/teams",
    "/settings/general",
  ];
  // what only a signed-in member of Acme may see (ids in the asked-for path aside: a redirect to
  // the sign-in page carries them back in its callbackUrl)
  const secrets = [
    "admin@acme.test",
    "Adam Admin",
    "Olivia Owner",
    "Data Engineering",
    key.name,
    oauth.name,
    oauth.client_id,
    env.org.id,
    "lk_live_••",
  ];
  const before = await env.sql<{ c: number }[]>`select count(*)::int as c from audit_events`;
  let tried = 0;
  const statuses: Record<number, number> = {};
  // every path form with every header set on A; on B the plain paths, and HEAD for both
  const requests = protectedPaths.flatMap((path) => [
    ...pathTricks(path).flatMap((url) =>
      HEADER_TRICKS.map((headers) => ({ app: env.a, url, headers, method: "GET" })),
    ),
    ...HEADER_TRICKS.map((headers) => ({ app: env.b, url: path, headers, method: "GET" })),
    { app: env.a, url: path, headers: {}, method: "HEAD" },
    { app: env.b, url: path, headers: {}, method: "HEAD" },
  ]);
  for (const { app, url, headers, method } of requests) {
    let reply = await client.request(app.url(url), { method, headers });
    let where = `${method} ${url} ${JSON.stringify(headers)} on ${app.name} → ${reply.status}`;
    // a redirect stays on the site, and wherever it leads shows nothing either
    for (let hop = 0; hop < 3 && reply.status >= 300 && reply.status < 400; hop++) {
      const next = new URL(String(reply.headers.location), app.origin);
      expect(next.origin, where).toBe(app.origin);
      if (next.pathname === "/login") break;
      reply = await client.request(next.toString(), { method, headers });
      where += ` → ${next.pathname}${next.search} → ${reply.status}`;
    }
    tried += 1;
    statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
    expect(reply.status, where).toBeGreaterThan(0);
    expect(reply.status, where).toBeLessThan(500);
    for (const s of secrets) expect(reply.body.includes(s), `${where} shows ${s}`).toBe(false);
    if (reply.status >= 300 && reply.status < 400) {
      expect(String(reply.headers.location), where).toMatch(/\/login/);
    }
  }
  // every action, without a session, with real ids and the header tricks
  let actionCalls = 0;
  for (const [name, { id, page }] of env.actions) {
    for (const headers of HEADER_TRICKS.slice(0, 6)) {
      const reply = await callAction(client, env.a.origin, {
        id,
        pagePath: page,
        headers,
        input: {
          keyId: key.id,
          id: oauth.id,
          name: "Bypass",
          apis: ["data"],
          pageOrgId: env.org.id,
        },
      });
      actionCalls += 1;
      const where = `${name} ${JSON.stringify(headers)} → ${reply.status} ${reply.body.slice(0, 200)}`;
      expect(reply.status, where).toBeLessThan(500);
      for (const s of secrets) expect(reply.body.includes(s), `${where} shows ${s}`).toBe(false);
      if (reply.result?.ok) {
        // only actions made for signed-out visitors may succeed, and none of these inputs fit them
        throw new Error(`${where}: succeeded without a session`);
      }
    }
  }
  const after = await env.sql<{ c: number }[]>`select count(*)::int as c from audit_events`;
  expect(after[0]!.c).toBe(before[0]!.c);
  const report = await expectInvariants(env);
  record({
    scenario: "11. Proxy bypass",
    load: `${n(tried)} page requests and ${n(actionCalls)} action calls without a session (2 instances)`,
    faults: "—",
    badInputs: `${protectedPaths.length} protected pages × ${pathTricks("/a/b").length} path forms (.rsc, ?_rsc, encoded, dot, case, /_next/data) × ${HEADER_TRICKS.length} header sets (x-middleware-subrequest, RSC, prefetch, forwarded host) on A (the plain paths on B too, and HEAD); every server action`,
    outcome: `no protected data in any answer; statuses ${JSON.stringify(statuses)}; every action refused`,
    nothingLost: `no audit event written; invariants hold (${n(report.events)} audit events)`,
  });
}
