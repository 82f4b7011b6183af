import { beforeEach, describe, expect, it } from "vitest";
import { createOAuthClient } from "@/app/(app)/admin/api-management/actions";
import { GET as me } from "@/machine/v1/me/route";
import { pendingUsage, resetPendingUsage } from "@/lib/usage/record";
import { useTestDatabase } from "../helpers/db";
import { ipHeaders } from "../helpers/client-ip";
import { createOrgWithPeople } from "../helpers/factories";
import { actAs, onPage } from "../helpers/session";
import { call, keyFor } from "../keys/support";
import { basic, form, post } from "../oauth/helpers";

useTestDatabase();
beforeEach(() => resetPendingUsage());

const counted = (credentialId: string) =>
  Object.fromEntries(
    pendingUsage()
      .filter((p) => p.credential.credentialId === credentialId)
      .map((p) => [p.outcome, p.count]),
  );

describe("usage counts the access-rule refusals", () => {
  it("of an API key: ip_not_allowed and rate_limited, next to its successes", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id, key } = await keyFor(admin, org, {
      ipAllowlist: "192.0.2.0/24",
      rateLimitPerMinute: "1",
    } as never);
    const from = (ip: string) => call(me, "/api/v1/me", { key, headers: ipHeaders(ip) });
    expect((await from("198.51.100.1")).status).toBe(403);
    expect((await from("192.0.2.7")).status).toBe(200);
    expect((await from("192.0.2.7")).status).toBe(429);
    expect(counted(id)).toEqual({ ip_not_allowed: 1, succeeded: 1, rate_limited: 1 });
  });

  it("of an OAuth client: at the token endpoint and on API calls with its tokens", async () => {
    const { org, admin } = await createOrgWithPeople();
    actAs(admin, org.id);
    const created = await createOAuthClient(
      null,
      onPage({ name: "Warehouse", apis: ["data"], ipAllowlist: "192.0.2.0/24" }),
    );
    if (!created.ok) throw new Error(created.message);
    const c = created.data;
    const tokenFrom = (ip: string) =>
      post("/api/oauth/token", form({ grant_type: "client_credentials" }), {
        authorization: basic(c.clientId, c.clientSecret),
        ...ipHeaders(ip),
      });
    expect((await tokenFrom("198.51.100.1")).status).toBe(403);
    const granted = await tokenFrom("192.0.2.9");
    expect(granted.status).toBe(200);
    const { access_token: token } = (await granted.json()) as { access_token: string };
    const api = await call(me, "/api/v1/me", { key: token, headers: ipHeaders("203.0.113.1") });
    expect(api.status).toBe(403);
    expect(counted(c.id)).toEqual({ ip_not_allowed: 2, succeeded: 1 });
  });
});
