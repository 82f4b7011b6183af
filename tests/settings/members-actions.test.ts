import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { changeMemberRole, removeMember } from "@/app/(app)/settings/members/actions";
import { apiKeys, auditEvents, memberships } from "@/db/schema";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople, createTeam, createUser } from "../helpers/factories";
import { keyFor } from "../keys/support";
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

  it("removing a member archives every key they created there, with the reason, in one transaction", async () => {
    const { org, admin, member } = await createOrgWithPeople();
    const first = await keyFor(member, org, { name: "CI" });
    const second = await keyFor(member, org, { name: "Backups" });
    const adminKey = await keyFor(admin, org, { name: "Admin's own" });
    actAs(admin, org.id);
    expect(await removeMember(null, onPage({ userId: member.id }))).toMatchObject({
      ok: true,
      message: "Member removed. Their 2 API keys were revoked.",
    });
    const keys = await database.db.select().from(apiKeys).where(eq(apiKeys.orgId, org.id));
    const statusOf = (id: string) => keys.find((k) => k.id === id)?.status;
    expect([statusOf(first.id), statusOf(second.id), statusOf(adminKey.id)]).toEqual([
      "archived",
      "archived",
      "active",
    ]);
    const revoked = (await eventsOf(org.id)).filter(
      (e) => e.event === "api_key.revoked" && e.actorId === admin.id,
    );
    expect(revoked.map((e) => [e.targetId, e.changes])).toEqual(
      expect.arrayContaining([
        [first.id, expect.objectContaining({ reason: "creator_removed" })],
        [second.id, expect.objectContaining({ reason: "creator_removed" })],
      ]),
    );
    expect(revoked).toHaveLength(2);
  });

  it("a removal refused for the last owner archives none of their keys", async () => {
    const { org, owner } = await createOrgWithPeople();
    const key = await keyFor(owner, org);
    actAs(owner, org.id);
    expect(await removeMember(null, onPage({ userId: owner.id }))).toMatchObject({
      code: "conflict",
    });
    const [row] = await database.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row?.status).toBe("active");
  });
});
