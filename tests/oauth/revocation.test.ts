import { eq } from "drizzle-orm";
import * as client from "openid-client";
import { describe, expect, it } from "vitest";
import { oauthClients, organizations } from "@/db/schema";
import { verifyAccessToken } from "@/lib/oauth/verify-access-token";
// Aliased: a vitest fixture, not a React hook, whatever its name says to the hooks lint rule.
import { useTestDatabase as setUpTestDatabase } from "../helpers/db";
import { createOrgWithPeople } from "../helpers/factories";
import { basic, createClient, form, ISSUER, openidConfig, post, tokenFor } from "./helpers";

const database = setUpTestDatabase();

async function setup(apis?: string[]) {
  const { org, admin } = await createOrgWithPeople();
  const c = await createClient(org, admin, { apis, name: "Reporting bot" });
  return { org, admin, c };
}

describe("verifyAccessToken", () => {
  it("returns the client principal for a valid token", async () => {
    const { org, c } = await setup(["data", "reports"]);
    const principal = await verifyAccessToken(await tokenFor(c));
    expect(principal).toEqual({
      kind: "oauth_client",
      orgId: org.id,
      apis: ["data", "reports"],
      credentialId: c.id,
      name: "Reporting bot",
      userId: null,
      actor: { type: "oauth_client", id: c.id, name: "Reporting bot" },
      org: { id: org.id, name: org.name, slug: org.slug },
      user: null,
    });
  });

  it("limits the principal to the token's scope", async () => {
    const { c } = await setup();
    expect((await verifyAccessToken(await tokenFor(c, "push")))?.apis).toEqual(["push"]);
  });

  it("refuses tampered, foreign-audience and garbage tokens", async () => {
    const { c } = await setup();
    const token = await tokenFor(c);
    const [h, p, s] = token.split(".");
    const payload = JSON.parse(Buffer.from(p!, "base64url").toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...payload, scope: "data push" })).toString("base64url")}.${s}`;
    expect(await verifyAccessToken(forged)).toBeNull();
    expect(await verifyAccessToken("lk_live_nothing")).toBeNull();
    expect(await verifyAccessToken("a.b.c")).toBeNull();
    expect(await verifyAccessToken(token, { issuer: "https://elsewhere.test" })).toBeNull();
    expect(await verifyAccessToken(token, { issuer: ISSUER })).not.toBeNull();
  });

  it("fails at once for tokens issued before the client was revoked", async () => {
    const { c } = await setup();
    const token = await tokenFor(c);
    expect(await verifyAccessToken(token)).not.toBeNull();
    await database.db
      .update(oauthClients)
      .set({ revokedAt: new Date() })
      .where(eq(oauthClients.id, c.id));
    expect(await verifyAccessToken(token)).toBeNull();
  });

  it("fails once the organization leaves the Enterprise plan", async () => {
    const { org, c } = await setup();
    const token = await tokenFor(c);
    await database.db
      .update(organizations)
      .set({ plan: "pro" })
      .where(eq(organizations.id, org.id));
    expect(await verifyAccessToken(token)).toBeNull();
  });

  it("records last use, at most once a minute", async () => {
    const { c } = await setup();
    const token = await tokenFor(c);
    await database.db
      .update(oauthClients)
      .set({ lastUsedAt: null })
      .where(eq(oauthClients.id, c.id));
    await verifyAccessToken(token, { ip: "192.0.2.9", userAgent: "report-runner" });
    const [first] = await database.db.select().from(oauthClients).where(eq(oauthClients.id, c.id));
    expect(first?.lastUsedAt).toBeInstanceOf(Date);
    expect(first?.lastUsedIp).toBe("192.0.2.9");
    await verifyAccessToken(token, { ip: "192.0.2.10", userAgent: "other" });
    const [second] = await database.db.select().from(oauthClients).where(eq(oauthClients.id, c.id));
    expect(second?.lastUsedAt).toEqual(first?.lastUsedAt);
    expect(second?.lastUsedIp).toBe("192.0.2.9");
  });
});

describe("revocation (RFC 7009)", () => {
  it("revokes a token through openid-client and it stops verifying", async () => {
    const { c } = await setup();
    const config = await openidConfig(c, "basic");
    const { access_token } = await client.clientCredentialsGrant(config);
    expect(await verifyAccessToken(access_token)).not.toBeNull();
    await client.tokenRevocation(config, access_token);
    expect(await verifyAccessToken(access_token)).toBeNull();
    const other = await tokenFor(c);
    expect(await verifyAccessToken(other)).not.toBeNull();
  });

  it("answers 200 for unknown and invalid tokens", async () => {
    const { c } = await setup();
    for (const token of ["not-a-token", "a.b.c", "x".repeat(5000)]) {
      const response = await post("/api/oauth/revoke", form({ token }), {
        authorization: basic(c.clientId, c.secret),
      });
      expect(response.status).toBe(200);
    }
  });

  it("does not let a client revoke another client's token", async () => {
    const a = await setup();
    const b = await setup();
    const token = await tokenFor(a.c);
    const response = await post("/api/oauth/revoke", form({ token }), {
      authorization: basic(b.c.clientId, b.c.secret),
    });
    expect(response.status).toBe(200);
    expect(await verifyAccessToken(token)).not.toBeNull();
  });

  it("requires client authentication and a token", async () => {
    const { c } = await setup();
    const token = await tokenFor(c);
    const anonymous = await post("/api/oauth/revoke", form({ token }));
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error).toBe("invalid_client");
    const missing = await post("/api/oauth/revoke", "", {
      authorization: basic(c.clientId, c.secret),
    });
    expect((await missing.json()).error).toBe("invalid_request");
    expect(await verifyAccessToken(token)).not.toBeNull();
  });
});

describe("introspection (RFC 7662)", () => {
  it("describes an active token", async () => {
    const { c } = await setup(["data"]);
    const config = await openidConfig(c, "post");
    const { access_token } = await client.clientCredentialsGrant(config);
    const result = await client.tokenIntrospection(config, access_token);
    expect(result).toMatchObject({
      active: true,
      scope: "data",
      client_id: c.clientId,
      token_type: "Bearer",
      sub: c.clientId,
      aud: `${ISSUER}/api/v1`,
      iss: ISSUER,
    });
    expect(typeof result.exp).toBe("number");
    expect(typeof result.iat).toBe("number");
    expect(typeof result.jti).toBe("string");
  });

  it("answers { active: false } alone for revoked, garbage and other organizations' tokens", async () => {
    const { c } = await setup();
    const foreign = await setup();
    const revoked = await tokenFor(c);
    await post("/api/oauth/revoke", form({ token: revoked }), {
      authorization: basic(c.clientId, c.secret),
    });
    for (const token of [revoked, "garbage", await tokenFor(foreign.c)]) {
      const response = await post("/api/oauth/introspect", form({ token }), {
        authorization: basic(c.clientId, c.secret),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ active: false });
    }
  });

  it("requires client authentication", async () => {
    const { c } = await setup();
    const response = await post("/api/oauth/introspect", form({ token: await tokenFor(c) }));
    expect(response.status).toBe(401);
  });
});
