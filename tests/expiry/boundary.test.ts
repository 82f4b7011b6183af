import { decodeJwt } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { updateOAuthClient } from "@/app/(app)/admin/api-management/actions";
import { findApiKey } from "@/db/queries/keys";
import { setClock } from "@/lib/clock";
import { runExpirySweep } from "@/lib/expiry/sweep";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople } from "../helpers/factories";
import { actAs, onPage } from "../helpers/session";
import { keyFor, revokeApiKey } from "../keys/support";
import { ISSUER } from "../oauth/helpers";
import { clientFor, requestToken, verifyBearer } from "./support";

useTestDatabase();
process.env.APP_URL = ISSUER;

const DAY = 24 * 3600_000;
afterEach(() => setClock(undefined));

describe("expiry at the boundary (a clock set to the millisecond)", () => {
  it("an API key works one millisecond before its expiry and is refused, saying so, at it", async () => {
    const t0 = new Date("2031-01-01T00:00:00.000Z").getTime();
    setClock(new Date(t0));
    const { org, member } = await createOrgWithPeople();
    const { id, key } = await keyFor(member, org, { expiry: "30d" });
    const expiresAt = (await findApiKey(org.id, id))!.expiresAt!;
    expect(expiresAt.getTime()).toBe(t0 + 30 * DAY);

    setClock(new Date(expiresAt.getTime() - 1));
    expect((await verifyBearer(key)).status).toBe(200);

    setClock(expiresAt);
    const refused = await verifyBearer(key);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({
      error: "invalid_token",
      error_description: `The API key expired on ${expiresAt.toISOString()}.`,
    });

    // The sweep archives it; the answer stays the same. (A sweep skips a key whose row is busy,
    // e.g. with the last-used write of the request above, and takes it the next time.)
    setClock(new Date(expiresAt.getTime() + 1));
    await vi.waitFor(async () => {
      await runExpirySweep();
      expect((await findApiKey(org.id, id))!.status).toBe("archived");
    });
    expect((await verifyBearer(key)).body.error_description).toBe(
      `The API key expired on ${expiresAt.toISOString()}.`,
    );
  });

  it("a key revoked before its expiry says nothing more than revoked keys do", async () => {
    const { org, member } = await createOrgWithPeople();
    const { id, key } = await keyFor(member, org, { expiry: "7d" });
    actAs(member, org.id);
    expect(await revokeApiKey(null, onPage({ keyId: id }))).toMatchObject({ ok: true });
    setClock(new Date(Date.now() + 8 * DAY));
    expect((await verifyBearer(key)).body).toEqual({
      error: "invalid_token",
      error_description: "The API key is invalid, revoked or expired.",
    });
  });

  it("an OAuth client gets tokens until its expiry, then invalid_client saying it expired", async () => {
    const t0 = new Date("2031-02-01T00:00:00.000Z").getTime();
    setClock(new Date(t0));
    const { org, admin } = await createOrgWithPeople();
    const creds = await clientFor(admin, org, { expiry: "7d" });
    const expiresAt = t0 + 7 * DAY;

    setClock(new Date(expiresAt - 1));
    expect((await requestToken(creds)).status).toBe(200);

    setClock(new Date(expiresAt));
    const refused = await requestToken(creds);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({
      error: "invalid_client",
      error_description: `The client expired on ${new Date(expiresAt).toISOString()}.`,
    });

    setClock(new Date(expiresAt + 1000));
    expect((await runExpirySweep()).clientsExpired).toBeGreaterThanOrEqual(1);
    expect((await requestToken(creds)).body.error_description).toBe(
      `The client expired on ${new Date(expiresAt).toISOString()}.`,
    );
  });

  it("an access token issued before the client's expiry never outlives it", async () => {
    const t0 = new Date("2031-03-01T00:00:00.000Z").getTime();
    setClock(new Date(t0));
    const { org, admin } = await createOrgWithPeople();
    const creds = await clientFor(admin, org, { expiry: "7d" });
    const expiresAt = t0 + 7 * DAY;

    // Ten minutes before the expiry, a token of the default hour's lifetime is cut to ten minutes.
    setClock(new Date(expiresAt - 10 * 60_000));
    const issued = await requestToken(creds);
    expect(issued.status).toBe(200);
    expect(issued.body.expires_in).toBe(600);
    const token = issued.body.access_token as string;
    expect(decodeJwt(token).exp).toBe(expiresAt / 1000);

    setClock(new Date(expiresAt - 1));
    expect((await verifyBearer(token)).status).toBe(200);

    setClock(new Date(expiresAt));
    const refused = await verifyBearer(token);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe("invalid_token");
    expect(refused.body.error_description).toMatch(/expired/);
  });

  it("an access token stops at once when the client's expiry is brought forward", async () => {
    const t0 = new Date("2031-04-01T00:00:00.000Z").getTime();
    setClock(new Date(t0));
    const { org, admin } = await createOrgWithPeople();
    const creds = await clientFor(admin, org, { expiry: "30d" });
    const token = (await requestToken(creds)).body.access_token as string;
    expect((await verifyBearer(token)).status).toBe(200);

    actAs(admin, org.id);
    const soon = new Date(t0 + 60_000);
    expect(
      await updateOAuthClient(
        null,
        onPage({
          id: creds.id,
          apis: ["data", "reports"],
          expiry: "date",
          expiresAt: soon.toISOString(),
        }),
      ),
    ).toMatchObject({ ok: true });

    setClock(new Date(soon.getTime() - 1));
    expect((await verifyBearer(token)).status).toBe(200);
    setClock(soon);
    expect((await verifyBearer(token)).body).toEqual({
      error: "invalid_token",
      error_description: `The OAuth client expired on ${soon.toISOString()}.`,
    });
  });
});
