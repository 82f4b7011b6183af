import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  endOAuthClientSecretOverlap,
  updateOAuthClient,
  createOAuthClient,
  revokeOAuthClient,
  rotateOAuthClientSecret,
} from "@/app/(app)/admin/api-management/actions";
import { listOAuthClients } from "@/db/queries/oauth-clients";
import { auditEvents, oauthClients } from "@/db/schema";
import { isWellFormedClientSecret } from "@/lib/secrets/prefixed";
import { verifyAccessToken } from "@/lib/oauth/verify-access-token";
// Aliased: a vitest fixture, not a React hook, whatever its name says to the hooks lint rule.
import { useTestDatabase as setUpTestDatabase } from "../helpers/db";
import { createOrgWithPeople } from "../helpers/factories";
import { actAs, onPage } from "../helpers/session";
import { basic, form, post, tokenFor } from "./helpers";

const database = setUpTestDatabase();

async function created(name = "Warehouse sync", apis = ["data", "reports"]) {
  const people = await createOrgWithPeople();
  actAs(people.admin, people.org.id);
  const result = await createOAuthClient(null, onPage({ name, apis }));
  if (!result.ok) throw new Error(result.message);
  return { ...people, creds: result.data };
}

async function rowsOf(table: string) {
  const result = await database.db.execute(sql.raw(`select * from "${table}"`));
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as unknown[];
}

async function dumpAllTables() {
  const tables = (await rowsOf("pg_tables").then((rows) =>
    (rows as { schemaname: string; tablename: string }[])
      .filter((r) => r.schemaname === "public")
      .map((r) => r.tablename),
  )) as string[];
  const dump: Record<string, unknown[]> = {};
  for (const t of tables) dump[t] = await rowsOf(t);
  return JSON.stringify(dump);
}

async function eventsOf(orgId: string) {
  return database.db.select().from(auditEvents).where(eq(auditEvents.orgId, orgId));
}

describe("creating a client", () => {
  it("returns a UUID client id and a well-formed secret once, with an audit event", async () => {
    const { org, admin, creds } = await created();
    expect(creds.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(creds.clientSecret).toMatch(/^lkcs_[0-9A-Za-z]{49}$/);
    expect(isWellFormedClientSecret(creds.clientSecret)).toBe(true);
    expect(creds.clientName).toBe("Warehouse sync");
    const events = await eventsOf(org.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      event: "oauth_client.created",
      action: "create",
      actorId: admin.id,
      targetType: "oauth_client",
      targetId: creds.id,
      targetName: "Warehouse sync",
    });
    const token = await tokenFor({ clientId: creds.clientId, secret: creds.clientSecret });
    expect((await verifyAccessToken(token))?.apis).toEqual(["data", "reports"]);
  });

  it("keeps no secret plaintext in any table (audit log included)", async () => {
    const secrets: string[] = [];
    for (let i = 0; i < 3; i++) secrets.push((await created(`Client ${i}`)).creds.clientSecret);
    const dump = await dumpAllTables();
    for (const secret of secrets) {
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(secret.slice(5, 30));
    }
    expect(dump).toContain("oauth_client.created");
  });

  it("the API Management list carries no secret material", async () => {
    const { org, creds } = await created();
    const rows = await listOAuthClients(org.id);
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!)).not.toContain("secretHash");
    const [stored] = await database.db
      .select()
      .from(oauthClients)
      .where(eq(oauthClients.id, creds.id));
    const listed = JSON.stringify(rows);
    expect(listed).not.toContain(creds.clientSecret);
    expect(listed).not.toContain(stored!.secretHash);
  });

  it("refuses bad input with field errors and writes nothing", async () => {
    const { org, admin } = await createOrgWithPeople();
    actAs(admin, org.id);
    for (const input of [
      { name: "", apis: ["data"] },
      { name: "x".repeat(101), apis: ["data"] },
      { name: "ok", apis: [] },
      { name: "ok", apis: ["billing"] },
      { name: 42, apis: "data" },
    ]) {
      const result = await createOAuthClient(null, onPage(input) as never);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.code).toBe("invalid");
    }
    expect(
      await database.db.select().from(oauthClients).where(eq(oauthClients.orgId, org.id)),
    ).toHaveLength(0);
  });
});

describe("rotating a secret", () => {
  it("the old secret stops buying tokens at once, the new one works, one audit event", async () => {
    const { org, creds } = await created();
    const grant = form({ grant_type: "client_credentials" });
    // A grant before the rotation: nothing learnt from it may let the old secret in afterwards.
    const before = await post("/api/oauth/token", grant, {
      authorization: basic(creds.clientId, creds.clientSecret),
    });
    expect(before.status).toBe(200);
    const rotated = await rotateOAuthClientSecret(null, onPage({ id: creds.id }));
    expect(rotated.ok).toBe(true);
    if (!rotated.ok) return;
    expect(rotated.data.clientId).toBe(creds.clientId);
    expect(rotated.data.clientSecret).not.toBe(creds.clientSecret);
    const old = await post("/api/oauth/token", grant, {
      authorization: basic(creds.clientId, creds.clientSecret),
    });
    expect(old.status).toBe(401);
    expect((await old.json()).error).toBe("invalid_client");
    const fresh = await post("/api/oauth/token", grant, {
      authorization: basic(creds.clientId, rotated.data.clientSecret),
    });
    expect(fresh.status).toBe(200);
    const events = (await eventsOf(org.id)).filter(
      (e) => e.event === "oauth_client.secret_rotated",
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.action).toBe("update");
    expect(JSON.stringify(events)).not.toContain(rotated.data.clientSecret);
  });

  it("concurrent rotations leave exactly one working secret", async () => {
    const { creds } = await created();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => rotateOAuthClientSecret(null, onPage({ id: creds.id }))),
    );
    const secrets = results.flatMap((r) => (r.ok ? [r.data.clientSecret] : []));
    expect(secrets).toHaveLength(8);
    const grant = form({ grant_type: "client_credentials" });
    const statuses = await Promise.all(
      secrets.map(
        async (s) =>
          (await post("/api/oauth/token", grant, { authorization: basic(creds.clientId, s) }))
            .status,
      ),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  });
});

describe("changing APIs and revoking", () => {
  it("narrowing APIs applies to tokens already issued and is audited", async () => {
    const { org, creds } = await created("Narrow", ["data", "reports"]);
    const token = await tokenFor({ clientId: creds.clientId, secret: creds.clientSecret });
    const result = await updateOAuthClient(null, onPage({ id: creds.id, apis: ["data"] }));
    expect(result.ok).toBe(true);
    expect((await verifyAccessToken(token))?.apis).toEqual(["data"]);
    const [event] = (await eventsOf(org.id)).filter((e) => e.event === "oauth_client.apis_changed");
    expect(event).toMatchObject({
      action: "update",
      changes: { apis: { from: ["data", "reports"], to: ["data"] } },
    });
  });

  it("revoking kills issued tokens and the token endpoint refuses the client", async () => {
    const { org, creds } = await created();
    const token = await tokenFor({ clientId: creds.clientId, secret: creds.clientSecret });
    const result = await revokeOAuthClient(null, onPage({ id: creds.id }));
    expect(result.ok).toBe(true);
    expect(await verifyAccessToken(token)).toBeNull();
    const response = await post("/api/oauth/token", form({ grant_type: "client_credentials" }), {
      authorization: basic(creds.clientId, creds.clientSecret),
    });
    expect(response.status).toBe(401);
    const again = await rotateOAuthClientSecret(null, onPage({ id: creds.id }));
    expect(again.ok).toBe(false);
    const events = (await eventsOf(org.id)).filter((e) => e.event === "oauth_client.revoked");
    expect(events).toHaveLength(1);
    expect(events[0]?.action).toBe("delete");
  });
});

describe("authorization of every admin action", () => {
  const actions = {
    rotate: (id: string) => rotateOAuthClientSecret(null, onPage({ id })),
    apis: (id: string) => updateOAuthClient(null, onPage({ id, apis: ["push"] })),
    allowlist: (id: string) =>
      updateOAuthClient(null, onPage({ id, ipAllowlist: "203.0.113.0/24", rateLimitPerMinute: 5 })),
    endOverlap: (id: string) => endOAuthClientSecretOverlap(null, onPage({ id })),
    revoke: (id: string) => revokeOAuthClient(null, onPage({ id })),
  };

  async function unchanged(id: string, orgId: string, secretHash: string) {
    const [row] = await database.db.select().from(oauthClients).where(eq(oauthClients.id, id));
    expect(row?.revokedAt).toBeNull();
    expect(row?.secretHash).toBe(secretHash);
    expect(row?.apis).toEqual(["data", "reports"]);
    expect((await eventsOf(orgId)).map((e) => e.event)).toEqual(["oauth_client.created"]);
  }

  it("refuses the signed-out, members and another organization's admin", async () => {
    const { org, member, creds } = await created();
    const foreign = await createOrgWithPeople();
    const [before] = await database.db
      .select()
      .from(oauthClients)
      .where(eq(oauthClients.id, creds.id));
    const callers = [
      { who: "signed out", act: () => actAs(null), code: "unauthenticated" },
      { who: "member", act: () => actAs(member, org.id), code: "forbidden" },
      { who: "foreign admin", act: () => actAs(foreign.admin, foreign.org.id), code: "not_found" },
      // a page and cookie naming the victim organization do not help: membership decides, and
      // the page's organization is not the caller's current one
      {
        who: "foreign admin via cookie",
        act: () => actAs(foreign.admin, org.id),
        code: "conflict",
      },
    ];
    for (const caller of callers) {
      caller.act();
      for (const [name, run] of Object.entries(actions)) {
        const result = await run(creds.id);
        expect(result.ok, `${caller.who} ${name}`).toBe(false);
        if (!result.ok) expect(result.code, `${caller.who} ${name}`).toBe(caller.code);
      }
      const create = await createOAuthClient(null, onPage({ name: "Sneaky", apis: ["data"] }));
      if (caller.who === "foreign admin") {
        // creating in their own organization is their right; it must not land in the victim's
        expect(create.ok).toBe(true);
      } else {
        expect(create.ok).toBe(false);
      }
    }
    await unchanged(creds.id, org.id, before!.secretHash);
    const victimClients = await database.db
      .select()
      .from(oauthClients)
      .where(eq(oauthClients.orgId, org.id));
    expect(victimClients.map((c) => c.name)).toEqual(["Warehouse sync"]);
  });
});
