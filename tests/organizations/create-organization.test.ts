import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { inviteMember } from "@/app/(app)/settings/members/invitations/actions";
import { createOrganization } from "@/app/(app)/organizations/actions";
import { findMember, listUserOrganizations } from "@/db/queries/memberships";
import { auditEvents, organizations } from "@/db/schema";
import { useTestDatabase } from "../helpers/db";
import { createOrg, createOrgWithPeople, createUser } from "../helpers/factories";
import { useOutbox } from "../helpers/outbox";
import { actAs, testRequest, onPage } from "../helpers/session";

const database = useTestDatabase();
const outbox = useOutbox();

const orgById = async (id: string) =>
  (await database.db.select().from(organizations).where(eq(organizations.id, id)))[0]!;

describe("creating an organization", () => {
  it("makes the creator its owner on the free plan, switches to it and audits it there", async () => {
    const { org: current, member } = await createOrgWithPeople();
    actAs(member, current.id);
    const result = await createOrganization(null, { name: "  Ünïcode Labs  " });
    expect(result).toMatchObject({ ok: true, data: { name: "Ünïcode Labs" } });
    if (!result.ok) return;
    const org = await orgById(result.data.id);
    expect(org).toMatchObject({ name: "Ünïcode Labs", slug: "unicode-labs", plan: "free" });
    expect((await findMember(org.id, member.id))?.role).toBe("owner");
    expect(testRequest.session?.preferredOrgId).toBe(org.id);
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.orgId, org.id));
    expect(events.map((e) => [e.event, e.action, e.actorId, e.targetId])).toEqual([
      ["organization.created", "create", member.id, org.id],
    ]);
    // The organization they came from is not changed, and its log says nothing of this.
    expect((await findMember(current.id, member.id))?.role).toBe("member");
    expect(
      (await database.db.select().from(auditEvents).where(eq(auditEvents.orgId, current.id)))
        .length,
    ).toBe(0);
  });

  it("derives a unique slug when the name's slug is taken, even by concurrent creations", async () => {
    const base = `dup-${Date.now()}`;
    await createOrg({ name: base }).then((o) =>
      database.db.update(organizations).set({ slug: base }).where(eq(organizations.id, o.id)),
    );
    const people = await Promise.all(Array.from({ length: 4 }, () => createUser()));
    const results = await Promise.all(
      people.map((p) => (actAs(p), createOrganization(null, { name: base }))),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const slugs = await Promise.all(
      results.map(async (r) => (await orgById((r as { data: { id: string } }).data.id)).slug),
    );
    expect(new Set(slugs).size).toBe(4);
    expect(slugs.every((s) => s.startsWith(`${base}-`))).toBe(true);
  });

  it("the new owner can invite others into it", async () => {
    const person = await createUser();
    actAs(person);
    const result = await createOrganization(null, { name: "Startup" });
    if (!result.ok) throw new Error(result.message);
    actAs(person, result.data.id);
    expect(
      await inviteMember(null, onPage({ email: "cofounder@example.test", role: "owner" })),
    ).toMatchObject({ ok: true });
    const [mail] = await outbox.newMail();
    expect(mail?.text).toContain("join Startup on Latchkey as an owner");
  });

  it("refuses a signed-out caller and an empty or overlong name, creating nothing", async () => {
    const before = (await database.db.select().from(organizations)).length;
    actAs(null);
    expect(await createOrganization(null, { name: "Anon" })).toMatchObject({
      ok: false,
      code: "unauthenticated",
    });
    const person = await createUser();
    actAs(person);
    for (const name of ["", "   ", "x".repeat(101)]) {
      expect(await createOrganization(null, { name })).toMatchObject({
        ok: false,
        code: "invalid",
        fieldErrors: { name: [expect.any(String)] },
      });
    }
    expect(await createOrganization(null, { name: 42 })).toMatchObject({ code: "invalid" });
    expect((await database.db.select().from(organizations)).length).toBe(before);
    expect(await listUserOrganizations(person.id)).toEqual([]);
  });
});
