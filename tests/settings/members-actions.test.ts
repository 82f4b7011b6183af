import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addMember, changeMemberRole, removeMember } from "@/app/(app)/settings/members/actions";
import { auditEvents, memberships } from "@/db/schema";
import { findUserByEmail } from "@/db/queries/users";
import { verifyPassword } from "@/lib/password";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople, createTeam, createUser } from "../helpers/factories";
import { actAs, onPage } from "../helpers/session";

const database = useTestDatabase();

const roleOf = async (orgId: string, userId: string) =>
  (
    await database.db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
  )[0]?.role;

const eventsOf = (orgId: string) =>
  database.db.select().from(auditEvents).where(eq(auditEvents.orgId, orgId));

describe("adding a member", () => {
  it("creates the account with an argon2id hash and records one Create event", async () => {
    const { org, admin } = await createOrgWithPeople();
    actAs(admin, org.id);
    const result = await addMember(
      null,
      onPage({
        email: "New.Person@Example.test",
        name: "New Person",
        password: "a-long-initial-password",
        role: "member",
      }),
    );
    expect(result).toMatchObject({ ok: true });
    const user = await findUserByEmail("new.person@example.test");
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword("a-long-initial-password", user!.passwordHash)).toBe(true);
    expect(await roleOf(org.id, user!.id)).toBe("member");
    const events = await eventsOf(org.id);
    expect(events.map((e) => [e.event, e.action, e.targetName])).toEqual([
      ["member.added", "create", "New.Person@Example.test"],
    ]);
    expect(JSON.stringify(events)).not.toContain("a-long-initial-password");
  });

  it("names each invalid field and writes nothing", async () => {
    const { org, admin } = await createOrgWithPeople();
    actAs(admin, org.id);
    const result = await addMember(
      null,
      onPage({
        email: "nope",
        name: "",
        password: "short",
        role: "king",
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("invalid");
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual([
      "email",
      "name",
      "password",
      "role",
    ]);
    expect(JSON.stringify(result)).not.toContain("short");
    expect(await eventsOf(org.id)).toHaveLength(0);
  });

  it("adds an existing account without touching its password, and refuses a duplicate", async () => {
    const { org, admin } = await createOrgWithPeople();
    const elsewhere = await createUser();
    actAs(admin, org.id);
    const input = {
      email: elsewhere.email,
      name: "x",
      password: "another-password-1",
      role: "admin",
    };
    expect(await addMember(null, onPage(input))).toMatchObject({ ok: true });
    const after = await findUserByEmail(elsewhere.email);
    expect(after?.passwordHash).toBe(elsewhere.passwordHash);
    expect(await roleOf(org.id, elsewhere.id)).toBe("admin");
    expect(await addMember(null, onPage(input))).toMatchObject({ ok: false, code: "conflict" });
  });

  it("lets only owners grant the owner role", async () => {
    const { org, admin, owner } = await createOrgWithPeople();
    actAs(admin, org.id);
    const input = {
      email: "boss@example.test",
      name: "Boss",
      password: "boss-password-12",
      role: "owner",
    };
    expect(await addMember(null, onPage(input))).toMatchObject({ ok: false, code: "forbidden" });
    actAs(owner, org.id);
    expect(await addMember(null, onPage(input))).toMatchObject({ ok: true });
  });
});

describe("changing roles and removing members", () => {
  it("records the role change with from and to", async () => {
    const { org, admin, member } = await createOrgWithPeople();
    actAs(admin, org.id);
    expect(
      await changeMemberRole(null, onPage({ userId: member.id, role: "admin" })),
    ).toMatchObject({
      ok: true,
    });
    expect(await roleOf(org.id, member.id)).toBe("admin");
    const [event] = await eventsOf(org.id);
    expect(event).toMatchObject({
      event: "member.role_changed",
      action: "update",
      changes: { role: { from: "member", to: "admin" } },
    });
  });

  it("never leaves the organization without an owner", async () => {
    const { org, owner } = await createOrgWithPeople();
    actAs(owner, org.id);
    expect(await changeMemberRole(null, onPage({ userId: owner.id, role: "admin" }))).toMatchObject(
      {
        ok: false,
        code: "conflict",
      },
    );
    expect(await removeMember(null, onPage({ userId: owner.id }))).toMatchObject({
      ok: false,
      code: "conflict",
    });
    expect(await roleOf(org.id, owner.id)).toBe("owner");
  });

  it("keeps one owner when two owners demote each other at the same time", async () => {
    const { org, owner } = await createOrgWithPeople();
    const second = await createUser({ org, role: "owner" });
    const results = await Promise.all([
      (actAs(owner, org.id), changeMemberRole(null, onPage({ userId: second.id, role: "member" }))),
      (actAs(owner, org.id), changeMemberRole(null, onPage({ userId: owner.id, role: "member" }))),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const owners = await database.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.orgId, org.id), eq(memberships.role, "owner")));
    expect(owners).toHaveLength(1);
  });

  it("admins cannot demote or remove an owner", async () => {
    const { org, owner, admin } = await createOrgWithPeople();
    await createUser({ org, role: "owner" });
    actAs(admin, org.id);
    expect(
      await changeMemberRole(null, onPage({ userId: owner.id, role: "member" })),
    ).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(await removeMember(null, onPage({ userId: owner.id }))).toMatchObject({
      ok: false,
      code: "forbidden",
    });
  });

  it("removing a member drops their team memberships and records a Delete event", async () => {
    const { org, admin, member } = await createOrgWithPeople();
    await createTeam(org, "Ops", [member]);
    actAs(admin, org.id);
    expect(await removeMember(null, onPage({ userId: member.id }))).toMatchObject({ ok: true });
    expect(await roleOf(org.id, member.id)).toBeUndefined();
    const [event] = await eventsOf(org.id);
    expect(event).toMatchObject({ event: "member.removed", action: "delete", targetId: member.id });
  });
});
