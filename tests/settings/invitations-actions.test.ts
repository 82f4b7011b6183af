import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  inviteMember,
  resendInvitation,
  revokeInvitation,
} from "@/app/(app)/settings/members/invitations/actions";
import { auditEvents, invitations } from "@/db/schema";
import { digestInvitationToken } from "@/lib/invitations/token";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople, createUser } from "../helpers/factories";
import { inviteTokenIn, useOutbox } from "../helpers/outbox";
import { actAs, onPage } from "../helpers/session";
import { invite } from "../invitations/support";

const database = useTestDatabase();
const outbox = useOutbox();

const invitationsOf = (orgId: string) =>
  database.db.select().from(invitations).where(eq(invitations.orgId, orgId));
const eventsOf = (orgId: string) =>
  database.db.select().from(auditEvents).where(eq(auditEvents.orgId, orgId));

describe("inviting a member", () => {
  it("stores only the digest of the emailed link, expiring in 7 days, with one Create event", async () => {
    const { org, admin } = await createOrgWithPeople();
    const token = await invite(outbox, admin, org, "New.Person@Example.test", "admin");
    const [row] = await invitationsOf(org.id);
    expect(row).toMatchObject({
      email: "New.Person@Example.test",
      role: "admin",
      invitedBy: admin.id,
      tokenDigest: digestInvitationToken(token),
      acceptedAt: null,
      revokedAt: null,
    });
    const days = (row!.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    const events = await eventsOf(org.id);
    expect(events.map((e) => [e.event, e.action, e.targetType, e.targetName])).toEqual([
      ["member.invited", "create", "invitation", "New.Person@Example.test"],
    ]);
    // The link is a credential: it is in the email and nowhere in the database.
    expect(JSON.stringify({ row, events })).not.toContain(token);
  });

  it("answers before the email is sent, and the email names the organization and the inviter", async () => {
    const { org, admin } = await createOrgWithPeople();
    actAs(admin, org.id);
    expect(
      await inviteMember(null, onPage({ email: "later@example.test", role: "member" })),
    ).toEqual({
      ok: true,
      message: "Invitation sent to later@example.test.",
      data: undefined,
    });
    const [mail] = await outbox.newMail();
    expect(mail?.subject).toBe(`${admin.name} invited you to ${org.name} on Latchkey`);
    expect(mail?.text).toContain(`join ${org.name} on Latchkey as a member`);
    expect(mail?.text).toMatch(/http:\/\/localhost:3000\/invite\/[A-Za-z0-9_-]{43}\n/);
  });

  it("names each invalid field and writes nothing", async () => {
    const { org, admin } = await createOrgWithPeople();
    actAs(admin, org.id);
    const result = await inviteMember(null, onPage({ email: "nope", role: "king" }));
    expect(result).toMatchObject({ ok: false, code: "invalid" });
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(["email", "role"]);
    expect(await invitationsOf(org.id)).toHaveLength(0);
    expect(await outbox.newMail()).toHaveLength(0);
  });

  it("tells the admin clearly when the email is already a member, whatever its case", async () => {
    const { org, admin, member } = await createOrgWithPeople();
    actAs(admin, org.id);
    expect(
      await inviteMember(null, onPage({ email: member.email.toUpperCase(), role: "member" })),
    ).toEqual({
      ok: false,
      code: "conflict",
      message: `${member.email.toUpperCase()} is already a member of ${org.name}.`,
      fieldErrors: undefined,
    });
    expect(await invitationsOf(org.id)).toHaveLength(0);
    expect(await outbox.newMail()).toHaveLength(0);
  });

  it("inviting the same email again renews the open invitation: the first link stops working", async () => {
    const { org, admin } = await createOrgWithPeople();
    const first = await invite(outbox, admin, org, "twice@example.test");
    const second = await invite(outbox, admin, org, "TWICE@example.test", "admin");
    const rows = await invitationsOf(org.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ role: "admin", tokenDigest: digestInvitationToken(second) });
    expect(first).not.toBe(second);
  });

  it("a member cannot invite, and an admin cannot invite an owner", async () => {
    const { org, admin, member, owner } = await createOrgWithPeople();
    actAs(member, org.id);
    expect(
      await inviteMember(null, onPage({ email: "x@example.test", role: "member" })),
    ).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    actAs(admin, org.id);
    expect(
      await inviteMember(null, onPage({ email: "x@example.test", role: "owner" })),
    ).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(await invitationsOf(org.id)).toHaveLength(0);
    expect(await outbox.newMail()).toHaveLength(0);
    await invite(outbox, owner, org, "x@example.test", "owner");
    // ...nor replace an owner's invitation with a lesser one.
    actAs(admin, org.id);
    expect(
      await inviteMember(null, onPage({ email: "x@example.test", role: "member" })),
    ).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect((await invitationsOf(org.id))[0]?.role).toBe("owner");
  });
});

describe("resending and revoking", () => {
  it("resend issues a new link and expiry; the old digest is gone", async () => {
    const { org, admin } = await createOrgWithPeople();
    const oldToken = await invite(outbox, admin, org, "resend@example.test");
    const [before] = await invitationsOf(org.id);
    await database.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, before!.id));
    actAs(admin, org.id);
    expect(await resendInvitation(null, onPage({ invitationId: before!.id }))).toMatchObject({
      ok: true,
    });
    const [mail] = await outbox.newMail();
    const newToken = inviteTokenIn(mail!.text);
    const [after] = await invitationsOf(org.id);
    expect(after!.tokenDigest).toBe(digestInvitationToken(newToken));
    expect(after!.tokenDigest).not.toBe(digestInvitationToken(oldToken));
    expect(after!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);
    const events = await eventsOf(org.id);
    expect(events.map((e) => [e.event, e.action])).toEqual([
      ["member.invited", "create"],
      ["member.invitation_resent", "update"],
    ]);
  });

  it("revoke closes the invitation with a Delete event; a second revoke finds nothing", async () => {
    const { org, admin } = await createOrgWithPeople();
    await invite(outbox, admin, org, "revoke@example.test");
    const [row] = await invitationsOf(org.id);
    actAs(admin, org.id);
    expect(await revokeInvitation(null, onPage({ invitationId: row!.id }))).toMatchObject({
      ok: true,
    });
    expect((await invitationsOf(org.id))[0]?.revokedAt).toBeInstanceOf(Date);
    expect(await revokeInvitation(null, onPage({ invitationId: row!.id }))).toMatchObject({
      code: "not_found",
    });
    expect(await resendInvitation(null, onPage({ invitationId: row!.id }))).toMatchObject({
      code: "not_found",
    });
    expect(await outbox.newMail()).toHaveLength(0);
    const events = await eventsOf(org.id);
    expect(events.map((e) => [e.event, e.action])).toEqual([
      ["member.invited", "create"],
      ["member.invitation_revoked", "delete"],
    ]);
  });

  it("after a revoke the same email can be invited afresh", async () => {
    const { org, admin } = await createOrgWithPeople();
    await invite(outbox, admin, org, "again@example.test");
    const [row] = await invitationsOf(org.id);
    actAs(admin, org.id);
    await revokeInvitation(null, onPage({ invitationId: row!.id }));
    await invite(outbox, admin, org, "again@example.test");
    const rows = await invitationsOf(org.id);
    expect(rows.map((i) => !!i.revokedAt).sort()).toEqual([false, true]);
  });

  it("only an owner may resend or revoke an owner's invitation", async () => {
    const { org, admin, owner } = await createOrgWithPeople();
    await invite(outbox, owner, org, "boss@example.test", "owner");
    const [row] = await invitationsOf(org.id);
    actAs(admin, org.id);
    for (const action of [resendInvitation, revokeInvitation]) {
      expect(await action(null, onPage({ invitationId: row!.id }))).toMatchObject({
        code: "forbidden",
      });
    }
    expect(await outbox.newMail()).toHaveLength(0);
    actAs(owner, org.id);
    expect(await revokeInvitation(null, onPage({ invitationId: row!.id }))).toMatchObject({
      ok: true,
    });
  });

  it("an address gets at most 5 invitation emails an hour, refused attempts not counted", async () => {
    const { org, admin } = await createOrgWithPeople();
    await invite(outbox, admin, org, "flooded@example.test");
    const [row] = await invitationsOf(org.id);
    actAs(admin, org.id);
    for (let i = 0; i < 4; i++) {
      expect(await resendInvitation(null, onPage({ invitationId: row!.id }))).toMatchObject({
        ok: true,
      });
    }
    for (const attempt of [
      () => resendInvitation(null, onPage({ invitationId: row!.id })),
      () => inviteMember(null, onPage({ email: "FLOODED@example.test", role: "member" })),
    ]) {
      const refused = await attempt();
      expect(refused).toMatchObject({ ok: false, code: "conflict" });
      expect((refused as { message: string }).message).toMatch(/5 invitation emails this hour/);
    }
    expect(await outbox.newMail()).toHaveLength(4);
    // Other addresses are not affected.
    await invite(outbox, admin, org, "someone-else@example.test");
  });

  it("another organization's admin gets not-found for an invitation id and changes nothing", async () => {
    const { org, admin } = await createOrgWithPeople();
    const other = await createOrgWithPeople();
    const outsider = await createUser({ org: other.org, role: "owner" });
    await invite(outbox, admin, org, "mine@example.test");
    const [row] = await invitationsOf(org.id);
    // From a page of their own organization, naming the other organization's invitation.
    actAs(outsider, other.org.id);
    for (const action of [resendInvitation, revokeInvitation]) {
      expect(await action(null, onPage({ invitationId: row!.id }))).toMatchObject({
        code: "not_found",
      });
    }
    expect(await invitationsOf(org.id)).toEqual([row]);
    expect(await outbox.newMail()).toHaveLength(0);
  });
});
