import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import * as client from "openid-client";
import { describe, expect, it } from "vitest";
import { apiIds } from "@/lib/api-catalogue";
// Aliased: a vitest fixture, not a React hook, whatever its name says to the hooks lint rule.
import { useTestDatabase as setUpTestDatabase } from "../helpers/db";
import { ipHeaders } from "../helpers/client-ip";
import { createOrgWithPeople } from "../helpers/factories";
import { basic, createClient, dispatch, form, ISSUER, openidConfig, post } from "./helpers";

setUpTestDatabase();

async function enterpriseClient(apis?: string[]) {
  const { org, admin } = await createOrgWithPeople();
  return { org, client: await createClient(org, admin, { apis }) };
}

const grant = form({ grant_type: "client_credentials" });

describe("a real OAuth client (openid-client) against the token endpoint", () => {
  it("discovers the metadata and obtains a token with client_secret_basic", async () => {
    const { client: c } = await enterpriseClient();
    const config = await openidConfig(c, "basic");
    expect(config.serverMetadata().token_endpoint).toBe(`${ISSUER}/api/oauth/token`);
    const tokens = await client.clientCredentialsGrant(config);
    expect(tokens.token_type).toBe("bearer");
    expect(tokens.expires_in).toBe(3600);
    expect(tokens.scope).toBe(apiIds.join(" "));
    expect(tokens.refresh_token).toBeUndefined();
  });

  it("obtains a narrowed token with client_secret_post", async () => {
    const { client: c } = await enterpriseClient();
    const config = await openidConfig(c, "post");
    const tokens = await client.clientCredentialsGrant(config, { scope: "data reports" });
    expect(tokens.scope).toBe("data reports");
  });

  it("issues an RFC 9068 JWT that verifies against the published JWKS", async () => {
    const { org, client: c } = await enterpriseClient(["data", "push"]);
    const tokens = await client.clientCredentialsGrant(await openidConfig(c, "basic"));
    const keys = await (await dispatch(new Request(`${ISSUER}/.well-known/jwks.json`))).json();
    expect(JSON.stringify(keys)).not.toMatch(/"d"/);
    const { payload, protectedHeader } = await jwtVerify(
      tokens.access_token,
      createLocalJWKSet(keys),
      { issuer: ISSUER, audience: `${ISSUER}/api/v1`, typ: "at+jwt" },
    );
    expect(protectedHeader.alg).toBe("ES256");
    expect(payload).toMatchObject({
      iss: ISSUER,
      sub: c.clientId,
      aud: `${ISSUER}/api/v1`,
      client_id: c.clientId,
      scope: "data push",
      org: org.id,
    });
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("serves RFC 8414 metadata", async () => {
    const meta = await (
      await dispatch(new Request(`${ISSUER}/.well-known/oauth-authorization-server`))
    ).json();
    expect(meta).toMatchObject({
      issuer: ISSUER,
      token_endpoint: `${ISSUER}/api/oauth/token`,
      jwks_uri: `${ISSUER}/.well-known/jwks.json`,
      revocation_endpoint: `${ISSUER}/api/oauth/revoke`,
      introspection_endpoint: `${ISSUER}/api/oauth/introspect`,
      grant_types_supported: ["client_credentials"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      scopes_supported: [...apiIds],
    });
  });
});

describe("token endpoint responses", () => {
  it("answers success with no-store and no refresh token", async () => {
    const { client: c } = await enterpriseClient();
    const response = await post("/api/oauth/token", grant, {
      authorization: basic(c.clientId, c.secret),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("pragma")).toBe("no-cache");
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(["access_token", "expires_in", "scope", "token_type"]);
    expect(decodeProtectedHeader(body.access_token).typ).toBe("at+jwt");
  });

  it("refuses GET with 405 and Allow: POST", async () => {
    const response = await dispatch(new Request(`${ISSUER}/api/oauth/token`));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("refuses credentials in the query string", async () => {
    const { client: c } = await enterpriseClient();
    const response = await dispatch(
      new Request(`${ISSUER}/api/oauth/token?client_id=${c.clientId}&client_secret=${c.secret}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: grant,
      }),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe("invalid_request");
  });

  it("refuses a JSON body as invalid_request", async () => {
    const { client: c } = await enterpriseClient();
    const response = await post(
      "/api/oauth/token",
      JSON.stringify({ grant_type: "client_credentials" }),
      { "content-type": "application/json", authorization: basic(c.clientId, c.secret) },
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: "invalid_request",
      error_description: expect.stringContaining("x-www-form-urlencoded"),
    });
  });

  it("refuses a huge body with 413", async () => {
    const response = await post("/api/oauth/token", `grant_type=${"x".repeat(20_000)}`);
    expect(response.status).toBe(413);
  });

  it("refuses a missing grant_type and repeated parameters as invalid_request", async () => {
    const { client: c } = await enterpriseClient();
    const auth = { authorization: basic(c.clientId, c.secret) };
    const missing = await post("/api/oauth/token", "", auth);
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toBe("invalid_request");
    const repeated = await post(
      "/api/oauth/token",
      "grant_type=client_credentials&grant_type=client_credentials",
      auth,
    );
    expect((await repeated.json()).error).toBe("invalid_request");
  });

  it("refuses two authentication methods at once as invalid_request", async () => {
    const { client: c } = await enterpriseClient();
    const response = await post(
      "/api/oauth/token",
      form({ grant_type: "client_credentials", client_id: c.clientId, client_secret: c.secret }),
      { authorization: basic(c.clientId, c.secret) },
    );
    expect((await response.json()).error).toBe("invalid_request");
  });

  it("answers invalid_client 401 with a Basic challenge for a wrong secret sent with Basic", async () => {
    const { client: c } = await enterpriseClient();
    const other = await enterpriseClient();
    const response = await post("/api/oauth/token", grant, {
      authorization: basic(c.clientId, other.client.secret),
      ...ipHeaders("198.51.100.1"),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Basic realm="latchkey"');
    expect(await response.json()).toEqual({
      error: "invalid_client",
      error_description: "Client authentication failed.",
    });
  });

  it("answers invalid_client 401 for an unknown client, a malformed secret and no credentials", async () => {
    const { client: c } = await enterpriseClient();
    for (const body of [
      form({
        grant_type: "client_credentials",
        client_id: crypto.randomUUID(),
        client_secret: c.secret,
      }),
      form({ grant_type: "client_credentials", client_id: c.clientId, client_secret: "lkcs_nope" }),
      grant,
    ]) {
      const response = await post("/api/oauth/token", body, ipHeaders("198.51.100.2"));
      expect(response.status).toBe(401);
      expect((await response.json()).error).toBe("invalid_client");
    }
  });

  it("answers unsupported_grant_type for another grant", async () => {
    const { client: c } = await enterpriseClient();
    const response = await post("/api/oauth/token", form({ grant_type: "password" }), {
      authorization: basic(c.clientId, c.secret),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe("unsupported_grant_type");
  });

  it("answers invalid_scope for an API the client does not hold or an unknown one", async () => {
    const { client: c } = await enterpriseClient(["data"]);
    for (const scope of ["push", "data nonsense", " "]) {
      const response = await post(
        "/api/oauth/token",
        form({ grant_type: "client_credentials", scope }),
        { authorization: basic(c.clientId, c.secret) },
      );
      expect(response.status).toBe(400);
      expect((await response.json()).error).toBe("invalid_scope");
    }
  });

  it("answers unauthorized_client for a client of a free or pro organization", async () => {
    for (const plan of ["free", "pro"] as const) {
      const { org, admin } = await createOrgWithPeople({ plan });
      const c = await createClient(org, admin);
      const response = await post("/api/oauth/token", grant, {
        authorization: basic(c.clientId, c.secret),
      });
      expect(response.status).toBe(400);
      expect((await response.json()).error).toBe("unauthorized_client");
    }
  });
});
