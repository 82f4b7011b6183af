// Every key and client secret the suite was handed, searched for in a pg_dump of the cluster,
// both instances' logs, and every list and details page, RSC payload and action answer kept
// during the run: found only in the one answer that revealed it.
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import type { Environment } from "../support/environment";
import { captured } from "../support/http";
import { plaintextIn } from "../support/invariants";
import { n, record } from "../support/record";
import { issued, randomPart } from "../support/secrets";
import {
  act,
  createKey,
  createOAuthClient,
  currentSecretId,
  expectInvariants,
  regenerate,
} from "./common";

const RSC_VARIANTS: Record<string, string>[] = [
  {},
  { rsc: "1" },
  { rsc: "1", "next-router-prefetch": "1" },
  { rsc: "1", "next-router-segment-prefetch": "/_tree" },
];

export async function secretsAtRest(env: Environment) {
  const client = env.clientFrom(21);
  const cookie = env.admin.cookie;
  // secrets of its own, whatever ran before: a key, its successor, a client, its rotated secret
  const { id } = await createKey(env, env.b, client, "At rest: key");
  expect(
    (await regenerate(env, env.a, client, id, (await currentSecretId(env, id))!)).result,
  ).toMatchObject({
    ok: true,
  });
  const oauth = await createOAuthClient(env, env.b, client, "At rest: client");
  expect(
    (await act(env, env.a, client, "rotateOAuthClientSecret", { id: oauth.id })).result,
  ).toMatchObject({
    ok: true,
  });
  const keys = await env.sql<{ id: string }[]>`
    select id from api_keys where org_id = ${env.org.id} order by created_at desc limit 40`;
  const clients = await env.sql<{ id: string }[]>`
    select id from oauth_clients where org_id = ${env.org.id} order by created_at desc limit 20`;
  const pages = [
    "/settings/integrations",
    "/settings/integrations?view=archived",
    "/admin/api-management",
    "/settings/audit-logs",
    "/settings/audit-logs?q=lk_live",
    ...keys.map((k) => `/settings/integrations/api-keys/${k.id}`),
    ...clients.map((c) => `/admin/api-management/${c.id}`),
  ];
  for (const app of [env.a, env.b]) {
    for (const page of pages) {
      for (const headers of RSC_VARIANTS) {
        const label = `${page} ${JSON.stringify(headers)} on ${app.name}`;
        const init = { headers: { cookie, ...headers } };
        let reply = await client.capture(label, app.url(page), init);
        // Next sends RSC requests without its cache-busting _rsc parameter to the URL with it
        const location = String(reply.headers.location ?? "");
        if (reply.status === 307 && location.includes("_rsc")) {
          reply = await client.capture(label, new URL(location, app.origin).toString(), init);
        }
        expect(reply.status, `${label} → ${location}`).toBe(200);
      }
    }
    for (const format of ["csv", "jsonl"]) {
      await client.capture(
        `audit export ${format} on ${app.name}`,
        app.url("/api/audit-logs/export"),
        {
          method: "POST",
          headers: {
            cookie,
            "content-type": "application/x-www-form-urlencoded",
            origin: app.origin,
          },
          body: new URLSearchParams({ format, pageOrgId: env.org.id, query: "" }).toString(),
        },
      );
    }
  }

  const problems: string[] = [];
  for (const secret of issued) {
    const part = randomPart(secret.value);
    const holders = captured.filter((c) => c.body.includes(part));
    if (holders.length !== 1 || holders[0]!.label !== secret.revealedIn) {
      problems.push(
        `${secret.kind} revealed in ${secret.revealedIn} found in ${holders.length} responses: ${holders
          .map((h) => h.label)
          .slice(0, 3)
          .join("; ")}`,
      );
    }
  }
  const logs = [env.a.logFile, env.b.logFile].map((f) => readFileSync(f, "utf8")).join("\n");
  problems.push(...plaintextIn(logs, "server logs"));
  const dump = await env.cluster.dump();
  problems.push(...plaintextIn(dump, "pg_dump"));
  expect(problems, problems.slice(0, 20).join("\n")).toEqual([]);
  expect(issued.length).toBeGreaterThanOrEqual(4);
  const report = await expectInvariants(env);
  const keyCount = issued.filter((s) => s.kind === "api_key").length;
  record({
    scenario: "10. Secrets at rest and in transit",
    load: `${n(captured.length)} responses kept during the run (actions, ${pages.length} pages × ${RSC_VARIANTS.length} HTML/RSC variants × 2 instances, audit exports)`,
    faults: "—",
    badInputs: "—",
    outcome: `${n(keyCount)} keys and ${n(issued.length - keyCount)} client secrets each found only in the answer that revealed it; none in ${n(Math.round(dump.length / 1024))} KiB of pg_dump or ${n(Math.round(logs.length / 1024))} KiB of server logs`,
    nothingLost: `invariants hold (${n(report.events)} audit events)`,
  });
}
