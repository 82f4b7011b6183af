import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { findOAuthClientDetails } from "@/db/queries/oauth-clients";
import { oauthClients } from "@/db/schema";
import { generateClientSecret } from "@/lib/secrets/prefixed";
import { loadUsage } from "@/lib/usage/load";
import { flushPendingUsage, resetPendingUsage } from "@/lib/usage/record";
// Aliased: a vitest fixture, not a React hook, whatever its name says to the hooks lint rule.
import { useTestDatabase as setUpTestDatabase } from "../helpers/db";
import { ipHeaders } from "../helpers/client-ip";
import { createOrgWithPeople } from "../helpers/factories";
import { machine } from "../helpers/machine";
import { call } from "../keys/support";
import { basic, createClient, form, post, tokenFor } from "./helpers";

const database = setUpTestDatabase();

beforeEach(() => resetPendingUsage());

const today = () => new Date().toISOString().slice(0, 10);

/** Moves the stored last use back past the once-a-minute guard, as if a minute had passed. */
async function aMinuteLater(id: string) {
  await database.db
    .update(oauthClients)
    .set({ lastUsedAt: new Date(Date.now() - 61_000) })
    .where(eq(oauthClients.id, id));
}

describe("a client's usage", () => {
  it("counts token requests and API calls with its tokens, refused ones by reason", async () => {
    const { org, admin } = await createOrgWithPeople();
    const c = await createClient(org, admin, { apis: ["reports"] });

    const token = await tokenFor(c);
    const wrongSecret = await post("/api/oauth/token", form({ grant_type: "client_credentials" }), {
      // well formed (a checksum-valid secret), so it is looked up and fails on the digest
      authorization: basic(c.clientId, generateClientSecret()),
    });
    expect(wrongSecret.status).toBe(401);
    const badScope = await post(
      "/api/oauth/token",
      form({ grant_type: "client_credentials", scope: "push" }),
      { authorization: basic(c.clientId, c.secret) },
    );
    expect(badScope.status).toBe(400);
    expect((await call(machine, "/api/v1/me", { key: token })).status).toBe(200);
    expect((await call(machine, "/api/v1/data", { key: token })).status).toBe(403);

    await database.db
      .update(oauthClients)
      .set({ revokedAt: new Date() })
      .where(eq(oauthClients.id, c.id));
    expect((await call(machine, "/api/v1/me", { key: token })).status).toBe(401);
    const afterRevoke = await post("/api/oauth/token", form({ grant_type: "client_credentials" }), {
      authorization: basic(c.clientId, c.secret),
    });
    expect(afterRevoke.status).toBe(401);

    await flushPendingUsage();
    const usage = await loadUsage(org.id, c.id);
    const day = usage.days.at(-1)!;
    expect(day.day).toBe(today());
    expect(day).toMatchObject({
      // the token and the API call
      succeeded: 2,
      invalid: 1,
      insufficient_scope: 2,
      // the token after the revoke, and the token request after it
      revoked: 2,
    });
  });

  it("counts the calls of an expired client as expired", async () => {
    const { org, admin } = await createOrgWithPeople();
    const c = await createClient(org, admin, { apis: ["reports"] });
    const token = await tokenFor(c);

    await database.db
      .update(oauthClients)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(oauthClients.id, c.id));
    expect((await call(machine, "/api/v1/me", { key: token })).status).toBe(401);
    const afterExpiry = await post("/api/oauth/token", form({ grant_type: "client_credentials" }), {
      authorization: basic(c.clientId, c.secret),
    });
    expect(afterExpiry.status).toBe(401);

    await flushPendingUsage();
    const day = (await loadUsage(org.id, c.id)).days.at(-1)!;
    expect(day).toMatchObject({ succeeded: 1, expired: 2, revoked: 0 });
  });
});

describe("a client's last use", () => {
  it("is recorded for token issuance, API calls with its tokens and introspection", async () => {
    const { org, admin } = await createOrgWithPeople();
    const c = await createClient(org, admin);

    const issued = await post("/api/oauth/token", form({ grant_type: "client_credentials" }), {
      authorization: basic(c.clientId, c.secret),
      "user-agent": "ledger-sync/1.0",
      ...ipHeaders("192.0.2.10"),
    });
    expect(issued.status).toBe(200);
    const { access_token } = (await issued.json()) as { access_token: string };
    expect(await findOAuthClientDetails(org.id, c.id)).toMatchObject({
      lastUsedIp: "192.0.2.10",
      lastUsedUserAgent: "ledger-sync/1.0",
    });

    await aMinuteLater(c.id);
    const call1 = await call(machine, "/api/v1/me", {
      key: access_token,
      headers: { "user-agent": "ledger-worker/2.0", ...ipHeaders("2001:db8::7") },
    });
    expect(call1.status).toBe(200);
    const afterCall = await findOAuthClientDetails(org.id, c.id);
    expect(afterCall).toMatchObject({
      lastUsedIp: "2001:db8::7",
      lastUsedUserAgent: "ledger-worker/2.0",
    });
    expect(afterCall!.lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 10_000);

    // Within the minute: no new write, whatever the caller.
    await call(machine, "/api/v1/me", {
      key: access_token,
      headers: { "user-agent": "someone-else", ...ipHeaders("198.51.100.1") },
    });
    expect(await findOAuthClientDetails(org.id, c.id)).toMatchObject({
      lastUsedIp: "2001:db8::7",
    });

    await aMinuteLater(c.id);
    const introspected = await post("/api/oauth/introspect", form({ token: access_token }), {
      authorization: basic(c.clientId, c.secret),
      "user-agent": "ledger-audit/3.1",
      ...ipHeaders("203.0.113.5"),
    });
    expect(introspected.status).toBe(200);
    expect(await findOAuthClientDetails(org.id, c.id)).toMatchObject({
      lastUsedIp: "203.0.113.5",
      lastUsedUserAgent: "ledger-audit/3.1",
    });
  });
});
