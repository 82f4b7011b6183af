import { describe, expect, it } from "vitest";
import { findOAuthClientDetails } from "@/db/queries/oauth-clients";
import { targetHref } from "@/lib/audit/targets";
// Aliased: a vitest fixture, not a React hook, whatever its name says to the hooks lint rule.
import { useTestDatabase as setUpTestDatabase } from "../helpers/db";
import { createOrgWithPeople } from "../helpers/factories";
import { ipHeaders } from "../helpers/client-ip";
import { basic, createClient, form, post } from "./helpers";

setUpTestDatabase();

describe("the client details page's data", () => {
  it("shows what the page needs, last use included, and no secret material", async () => {
    const { org, admin } = await createOrgWithPeople();
    const c = await createClient(org, admin, { name: "Billing sync", apis: ["data"] });
    const response = await post("/api/oauth/token", form({ grant_type: "client_credentials" }), {
      authorization: basic(c.clientId, c.secret),
      "user-agent": "billing-sync/2.1",
      ...ipHeaders("192.0.2.61"),
    });
    expect(response.status).toBe(200);
    const details = await findOAuthClientDetails(org.id, c.id);
    expect(details).toMatchObject({
      id: c.id,
      name: "Billing sync",
      clientId: c.clientId,
      apis: ["data"],
      createdByName: admin.name,
      secretRotatedAt: null,
      revokedAt: null,
      lastUsedIp: "192.0.2.61",
      lastUsedUserAgent: "billing-sync/2.1",
    });
    expect(details?.lastUsedAt).toBeInstanceOf(Date);
    expect(Object.keys(details!)).not.toContain("secretHash");
    expect(JSON.stringify(details)).not.toContain(c.secret);
  });

  it("another organization's client is not found", async () => {
    const owner = await createOrgWithPeople();
    const foreign = await createOrgWithPeople();
    const c = await createClient(owner.org, owner.admin);
    expect(await findOAuthClientDetails(foreign.org.id, c.id)).toBeUndefined();
  });

  it("the audit log links a client event to that page", () => {
    const id = crypto.randomUUID();
    expect(targetHref("oauth_client", id)).toBe(`/admin/api-management/${id}`);
  });
});
