import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople } from "../helpers/factories";
import { ISSUER, basic, createClient, form, post, tokenFor } from "./helpers";
import { machine } from "../helpers/machine";

useTestDatabase();

const call = (
  handler: (r: Request) => Promise<Response>,
  path: string,
  token: string,
  init: RequestInit = {},
) =>
  handler(
    new Request(`${ISSUER}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
    }),
  );

describe("access tokens on the public API", () => {
  it("GET /api/v1/me answers for the client with its APIs, and scopes are enforced", async () => {
    const { org, admin } = await createOrgWithPeople();
    const client = await createClient(org, admin, {
      name: "Warehouse sync",
      apis: ["proposals", "data"],
    });
    const token = await tokenFor(client, "data");

    const response = await call(machine, "/api/v1/me", token);
    expect(response.status).toBe(200);
    const body = JSON.stringify(await response.json());
    expect(body).toContain("Warehouse sync");
    expect(body).toContain(org.id);
    expect(body).toContain("data");
    expect(body).not.toContain("proposals");

    const refused = await call(machine, "/api/v1/proposals", token);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toBe("insufficient_scope");
  });

  it("a client's token acts as the client, and stops working the moment it is revoked", async () => {
    const { org, admin } = await createOrgWithPeople();
    const client = await createClient(org, admin, { apis: ["proposals"] });
    const token = await tokenFor(client);
    const created = await call(machine, "/api/v1/proposals", token, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "From a client" }),
    });
    expect(created.status).toBe(201);

    const revoke = await post("/api/oauth/revoke", form({ token }), {
      authorization: basic(client.clientId, client.secret),
    });
    expect(revoke.status).toBe(200);
    const after = await call(machine, "/api/v1/me", token);
    expect(after.status).toBe(401);
    expect(after.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });
});
