import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createOAuthClient, updateOAuthClient } from "@/app/(app)/admin/api-management/actions";
import { GET as me } from "@/machine/v1/me/route";
import { apiKeys, auditEvents, oauthClients } from "@/db/schema";
import { ipAllowed, normaliseAllowlistEntry, parseAllowlist } from "@/lib/access/ip-allowlist";
import { useTestDatabase } from "../helpers/db";
import { ipHeaders } from "../helpers/client-ip";
import { createOrgWithPeople } from "../helpers/factories";
import { actAs, onPage } from "../helpers/session";
import { call, createApiKey, keyFor, updateApiKey } from "../keys/support";
import { basic, form, post } from "../oauth/helpers";

const database = useTestDatabase();

const fromIp = (key: string, ip: string) => call(me, "/api/v1/me", { key, headers: ipHeaders(ip) });

describe("allowlist entries", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["203.0.113.0/24", "203.0.113.0/24"],
    // a range given by any of its addresses is kept as its network
    ["203.0.113.77/24", "203.0.113.0/24"],
    ["203.0.113.7/32", "203.0.113.7"],
    ["0.0.0.0/0", "0.0.0.0/0"],
    ["2001:DB8:0:0::1", "2001:db8::1"],
    ["2001:db8::5/32", "2001:db8::/32"],
    ["::/0", "::/0"],
    // IPv4-mapped IPv6 is the IPv4 it carries, address or range
    ["::ffff:198.51.100.9", "198.51.100.9"],
    ["::ffff:198.51.100.0/120", "198.51.100.0/24"],
  ])("%s is kept as %s", (entry, normalised) => {
    expect(normaliseAllowlistEntry(entry)).toBe(normalised);
  });

  it.each([
    "203.0.113.0/33",
    "2001:db8::/129",
    "256.1.1.1",
    "203.0.113",
    "127.1",
    "0x7f.0.0.1",
    "192.168.001.1",
    "1::2::3",
    "fe80::1%eth0",
    "10.0.0.1/",
    "example.com",
    "203.0.113.0/24/8",
  ])("%s is refused", (entry) => {
    expect(normaliseAllowlistEntry(entry)).toBeNull();
  });

  it("names every invalid entry of a list and drops duplicates of valid ones", () => {
    expect(parseAllowlist(["203.0.113.0/33", "10.0.0.1", "nope"])).toEqual({
      ok: false,
      invalid: ["203.0.113.0/33", "nope"],
    });
    expect(parseAllowlist(["10.0.0.1", "10.0.0.1/32", "::ffff:10.0.0.1"])).toEqual({
      ok: true,
      entries: ["10.0.0.1"],
    });
  });

  it("matches IPv4, IPv6 and IPv4-mapped callers against ranges of their family", () => {
    const list = ["203.0.113.0/24", "2001:db8::/32", "198.51.100.9"];
    expect(ipAllowed(list, "203.0.113.200")).toBe(true);
    expect(ipAllowed(list, "::ffff:203.0.113.200")).toBe(true);
    expect(ipAllowed(list, "198.51.100.9")).toBe(true);
    expect(ipAllowed(list, "2001:db8:ffff::1")).toBe(true);
    expect(ipAllowed(list, "203.0.114.1")).toBe(false);
    expect(ipAllowed(list, "2001:db9::1")).toBe(false);
    // an IPv6 caller never matches an IPv4 range by accident of its bits
    expect(ipAllowed(["0.0.0.0/0"], "2001:db8::1")).toBe(false);
    expect(ipAllowed(["::/0"], "203.0.113.1")).toBe(false);
    // an empty list allows anyone; a list refuses an unknown or unparseable caller
    expect(ipAllowed([], null)).toBe(true);
    expect(ipAllowed(list, null)).toBe(false);
    expect(ipAllowed(list, "not an address")).toBe(false);
  });
});

describe("an API key with an IP allowlist", () => {
  it("serves callers on the list, v4, v6 and IPv4-mapped, and refuses others with 403 ip_not_allowed", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { key } = await keyFor(admin, org, {
      ipAllowlist: "203.0.113.0/24\n2001:db8::/32, ::ffff:198.51.100.9",
    } as never);
    expect((await fromIp(key, "203.0.113.9")).status).toBe(200);
    expect((await fromIp(key, "::ffff:203.0.113.9")).status).toBe(200);
    expect((await fromIp(key, "2001:db8:1::7")).status).toBe(200);
    expect((await fromIp(key, "198.51.100.9")).status).toBe(200);

    const refused = await fromIp(key, "192.0.2.44");
    expect(refused.status).toBe(403);
    expect(refused.headers.get("cache-control")).toBe("no-store");
    expect(refused.body).toMatchObject({ error: "ip_not_allowed", ip: "192.0.2.44" });
    expect(refused.body.error_description).toContain("192.0.2.44 are not allowed");
    expect((await fromIp(key, "2001:db9::1")).status).toBe(403);
    // no address known at all: refused too
    expect((await call(me, "/api/v1/me", { key })).status).toBe(403);
  });

  it("is refused in the form with the bad entry named, and nothing is created", async () => {
    const { org, admin } = await createOrgWithPeople();
    actAs(admin, org.id);
    const result = await createApiKey(
      null,
      onPage({ name: "Bad list", apis: ["data"], ipAllowlist: "10.0.0.0/8\n203.0.113.0/33" }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("invalid");
    expect(result.fieldErrors?.ipAllowlist?.[0]).toMatch(
      /^203\.0\.113\.0\/33 is not a valid IP address or range\./,
    );
    const rows = await database.db.select().from(apiKeys).where(eq(apiKeys.orgId, org.id));
    expect(rows).toHaveLength(0);
  });

  it("is changed in Edit, applies to the next request and is audited with before and after", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id, key } = await keyFor(admin, org, { name: "Edge" });
    expect((await fromIp(key, "192.0.2.1")).status).toBe(200);
    actAs(admin, org.id);
    const edit = (ipAllowlist: string) =>
      updateApiKey(
        null,
        onPage({ keyId: id, name: "Edge", teamId: null, apis: ["data"], ipAllowlist }),
      );
    expect((await edit("198.51.100.0/24")).ok).toBe(true);
    expect((await fromIp(key, "192.0.2.1")).status).toBe(403);
    expect((await fromIp(key, "198.51.100.3")).status).toBe(200);

    const bad = await edit("198.51.100.0/24 2001:db8::/200");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.fieldErrors?.ipAllowlist?.[0]).toContain("2001:db8::/200");

    expect((await edit("")).ok).toBe(true);
    expect((await fromIp(key, "192.0.2.1")).status).toBe(200);

    const events = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.orgId, org.id), eq(auditEvents.event, "api_key.ip_allowlist_changed")),
      )
      .orderBy(auditEvents.seq);
    expect(events.map((e) => e.changes)).toEqual([
      { ipAllowlist: { from: [], to: ["198.51.100.0/24"] } },
      { ipAllowlist: { from: ["198.51.100.0/24"], to: [] } },
    ]);
    expect(events.every((e) => e.action === "update" && e.targetId === id)).toBe(true);
  });

  it("is part of the created event", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id } = await keyFor(admin, org, { ipAllowlist: "203.0.113.5" } as never);
    const [created] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, id), eq(auditEvents.event, "api_key.created")));
    expect(created?.changes).toMatchObject({
      ipAllowlist: ["203.0.113.5"],
      rateLimitPerMinute: null,
    });
  });
});

describe("an OAuth client with an IP allowlist", () => {
  async function clientWithAllowlist(ipAllowlist: string) {
    const people = await createOrgWithPeople();
    actAs(people.admin, people.org.id);
    const result = await createOAuthClient(
      null,
      onPage({ name: "Warehouse", apis: ["data"], ipAllowlist }),
    );
    if (!result.ok) throw new Error(result.message);
    return { ...people, ...result.data };
  }

  const tokenFrom = (c: { clientId: string; clientSecret: string }, ip: string) =>
    post("/api/oauth/token", form({ grant_type: "client_credentials" }), {
      authorization: basic(c.clientId, c.clientSecret),
      ...ipHeaders(ip),
    });

  it("gets tokens only from its addresses, and its tokens work only from them", async () => {
    const c = await clientWithAllowlist("2001:db8:aa::/48\n192.0.2.0/28");
    const refused = await tokenFrom(c, "192.0.2.16");
    expect(refused.status).toBe(403);
    expect(refused.headers.get("cache-control")).toBe("no-store");
    expect(await refused.json()).toMatchObject({ error: "ip_not_allowed", ip: "192.0.2.16" });

    const granted = await tokenFrom(c, "::ffff:192.0.2.15");
    expect(granted.status).toBe(200);
    const { access_token: token } = (await granted.json()) as { access_token: string };
    // The token carries no exemption: the client's list is checked against each caller.
    expect((await fromIp(token, "2001:db8:aa:1::1")).status).toBe(200);
    const elsewhere = await fromIp(token, "198.51.100.1");
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error).toBe("ip_not_allowed");
  });

  it("refuses a wrong secret as invalid_client wherever it comes from, revealing no allowlist", async () => {
    const c = await clientWithAllowlist("192.0.2.0/28");
    const response = await post("/api/oauth/token", form({ grant_type: "client_credentials" }), {
      authorization: basic(c.clientId, c.clientSecret.slice(0, -1) + "x"),
      ...ipHeaders("198.51.100.1"),
    });
    expect(response.status).toBe(401);
  });

  it("is changed with Edit client (bad entries named) and audited with before and after", async () => {
    const c = await clientWithAllowlist("");
    const bad = await updateOAuthClient(null, onPage({ id: c.id, ipAllowlist: "10.0.0.0/33" }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.fieldErrors?.ipAllowlist?.[0]).toContain("10.0.0.0/33");
    expect(
      (await updateOAuthClient(null, onPage({ id: c.id, ipAllowlist: "10.0.0.0/8" }))).ok,
    ).toBe(true);
    const [row] = await database.db.select().from(oauthClients).where(eq(oauthClients.id, c.id));
    expect(row?.ipAllowlist).toEqual(["10.0.0.0/8"]);
    expect((await tokenFrom(c, "11.0.0.1")).status).toBe(403);
    expect((await tokenFrom(c, "10.1.2.3")).status).toBe(200);
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.targetId, c.id),
          eq(auditEvents.event, "oauth_client.ip_allowlist_changed"),
        ),
      );
    expect(events.map((e) => e.changes)).toEqual([
      { ipAllowlist: { from: [], to: ["10.0.0.0/8"] } },
    ]);
  });
});
