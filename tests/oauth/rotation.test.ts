import { describe, expect, it } from "vitest";
import {
  updateOAuthClient,
  createOAuthClient,
  revokeOAuthClient,
  rotateOAuthClientSecret,
} from "@/app/(app)/admin/api-management/actions";
import { verifyAccessToken } from "@/lib/oauth/verify-access-token";
// Aliased: a vitest fixture, not a React hook, whatever its name says to the hooks lint rule.
import { useTestDatabase as setUpTestDatabase } from "../helpers/db";
import { createOrgWithPeople } from "../helpers/factories";
import { actAs, onPage } from "../helpers/session";
import { basic, form, ISSUER, post, tokenFor } from "./helpers";
import { machine } from "../helpers/machine";

setUpTestDatabase();

async function adminWithClient(apis = ["data", "reports"]) {
  const people = await createOrgWithPeople();
  actAs(people.admin, people.org.id);
  const result = await createOAuthClient(null, onPage({ name: "Nightly export", apis }));
  if (!result.ok) throw new Error(result.message);
  return {
    ...people,
    id: result.data.id,
    clientId: result.data.clientId,
    secret: result.data.clientSecret,
  };
}

async function rotate(id: string) {
  const result = await rotateOAuthClientSecret(null, onPage({ id }));
  if (!result.ok) throw new Error(result.message);
  return result.data.clientSecret;
}

async function introspect(caller: { clientId: string; secret: string }, token: string) {
  const response = await post("/api/oauth/introspect", form({ token }), {
    authorization: basic(caller.clientId, caller.secret),
  });
  expect(response.status).toBe(200);
  return response.json();
}

const meWith = (token: string) =>
  machine(new Request(`${ISSUER}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } }));

describe("an immediate secret rotation ends the tokens issued before it", () => {
  it("a token bought with a leaked secret stops working on the public API once the secret is rotated", async () => {
    const c = await adminWithClient();
    const leaked = await tokenFor(c);
    expect((await meWith(leaked)).status).toBe(200);
    const fresh = await rotate(c.id);
    expect(await verifyAccessToken(leaked)).toBeNull();
    const refused = await meWith(leaked);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error).toBe("invalid_token");
    // The holder of the new secret is not affected.
    const after = await tokenFor({ clientId: c.clientId, secret: fresh });
    expect((await meWith(after)).status).toBe(200);
  });

  it("tokens issued in the same second as the rotation or 200 ms after it keep working; those before do not", async () => {
    const c = await adminWithClient();
    // iat has whole seconds and the rotation time milliseconds: land both in one second.
    const intoSecond = Date.now() % 1000;
    if (intoSecond > 500) await new Promise((r) => setTimeout(r, 1000 - intoSecond + 10));
    const before = await tokenFor(c);
    const fresh = await rotate(c.id);
    const sameSecond = await tokenFor({ clientId: c.clientId, secret: fresh });
    await new Promise((r) => setTimeout(r, 200));
    const later = await tokenFor({ clientId: c.clientId, secret: fresh });
    expect(await verifyAccessToken(before)).toBeNull();
    expect(await verifyAccessToken(sameSecond)).not.toBeNull();
    expect(await verifyAccessToken(later)).not.toBeNull();
  });

  it("each rotation ends the tokens of the secret before it, not only the first", async () => {
    const c = await adminWithClient();
    const second = await rotate(c.id);
    const token = await tokenFor({ clientId: c.clientId, secret: second });
    expect(await verifyAccessToken(token)).not.toBeNull();
    await rotate(c.id);
    expect(await verifyAccessToken(token)).toBeNull();
  });

  it("revoking the client ends its tokens", async () => {
    const c = await adminWithClient();
    const token = await tokenFor(c);
    expect((await revokeOAuthClient(null, onPage({ id: c.id }))).ok).toBe(true);
    expect((await meWith(token)).status).toBe(401);
  });
});

describe("introspection tells the truth about a token now", () => {
  it("answers active:false for a token ended by a rotation", async () => {
    const c = await adminWithClient();
    const token = await tokenFor(c);
    expect((await introspect(c, token)).active).toBe(true);
    const fresh = await rotate(c.id);
    expect(await introspect({ clientId: c.clientId, secret: fresh }, token)).toEqual({
      active: false,
    });
  });

  it("reports the scope the token has now, narrowed to the client's current APIs", async () => {
    const c = await adminWithClient(["data", "reports", "push"]);
    const token = await tokenFor(c, "data reports");
    expect((await introspect(c, token)).scope).toBe("data reports");
    expect(
      (await updateOAuthClient(null, onPage({ id: c.id, apis: ["reports", "push"] }))).ok,
    ).toBe(true);
    const now = await introspect(c, token);
    expect(now.active).toBe(true);
    expect(now.scope).toBe("reports");
  });
});
