import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { acceptInvitation, createAccountAndAccept } from "@/app/(auth)/invite/[token]/actions";
import { loadInvitationView } from "@/app/(auth)/invite/[token]/load";
import { revokeInvitation } from "@/app/(app)/settings/members/invitations/actions";
import { findMember, insertMembership } from "@/db/queries/memberships";
import { findUserByEmail } from "@/db/queries/users";
import { auditEvents, invitations, users } from "@/db/schema";
import { unusableLinkMessages } from "@/lib/invitations/status";
import { digestInvitationToken } from "@/lib/invitations/token";
import { verifyPassword } from "@/lib/password";
import { authMock } from "../helpers/auth-mock";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople, createUser } from "../helpers/factories";
import { useOutbox } from "../helpers/outbox";
import { actAs, testRequest, onPage } from "../helpers/session";
import { form, invite } from "./support";

vi.mock("@/auth", async () => (await import("../helpers/auth-mock")).authMock);

const database = useTestDatabase();
const outbox = useOutbox();

beforeEach(() => authMock.signIn.mockClear());

const invitationOf = async (token: string) =>
  (
    await database.db
      .select()
      .from(invitations)
      .where(eq(invitations.tokenDigest, digestInvitationToken(token)))
  )[0]!;
const acceptedEvents = async (orgId: string) =>
  (await database.db.select().from(auditEvents).where(eq(auditEvents.orgId, orgId))).filter(
    (e) => e.event === "member.invitation_accepted",
  );
const usersWithEmail = async (email: string) =>
  (await database.db.select().from(users)).filter(
    (u) => u.email.toLowerCase() === email.toLowerCase(),
  );

/** acceptInvitation ends in a redirect (Next's thrown control flow) when it succeeds. */
async function acceptAs(user: { id: string } | null, token: string) {
  actAs(user);
  try {
    return await acceptInvitation(null, form({ token }));
  } catch (error) {
    if (String((error as { digest?: string }).digest).startsWith("NEXT_REDIRECT")) {
      return "redirected" as const;
    }
    throw error;
  }
}

describe("a new person accepting", () => {
  it("sets their own name and password, joins with the invited role and is signed in", async () => {
    const { org, admin } = await createOrgWithPeople();
    const token = await invite(outbox, admin, org, "Newbie@Example.test", "admin");
    actAs(null);
    expect(await loadInvitationView(token)).toMatchObject({
      step: "create-account",
      invitation: { email: "Newbie@Example.test", role: "admin", orgName: org.name },
    });
    const result = await createAccountAndAccept(
      null,
      form({ token, name: "Nia Newbie", password: "my-own-password-1" }),
    );
    expect(result).toBeNull();
    const user = await findUserByEmail("newbie@example.test");
    expect(user).toMatchObject({ name: "Nia Newbie", email: "Newbie@Example.test" });
    expect(await verifyPassword("my-own-password-1", user!.passwordHash)).toBe(true);
    expect((await findMember(org.id, user!.id))?.role).toBe("admin");
    expect(await invitationOf(token)).toMatchObject({ acceptedBy: user!.id });
    expect(authMock.signIn).toHaveBeenCalledWith("credentials", {
      email: "Newbie@Example.test",
      password: "my-own-password-1",
      redirectTo: "/settings/integrations",
    });
    const [event] = await acceptedEvents(org.id);
    expect(event).toMatchObject({ action: "create", actorId: user!.id, targetId: user!.id });
    expect(JSON.stringify(event)).not.toContain("my-own-password-1");
  });

  it("names invalid fields and creates nothing", async () => {
    const { org, admin } = await createOrgWithPeople();
    const token = await invite(outbox, admin, org, "short@example.test");
    actAs(null);
    const result = await createAccountAndAccept(null, form({ token, name: "", password: "short" }));
    expect(result).toMatchObject({ ok: false, code: "invalid" });
    expect(Object.keys((result as { fieldErrors: object }).fieldErrors).sort()).toEqual([
      "name",
      "password",
    ]);
    expect(JSON.stringify(result)).not.toContain("short@");
    expect(await usersWithEmail("short@example.test")).toHaveLength(0);
  });

  it("cannot take over an address that already has an account", async () => {
    const { org, admin } = await createOrgWithPeople();
    const existing = await createUser();
    const token = await invite(outbox, admin, org, existing.email);
    actAs(null);
    expect(
      await createAccountAndAccept(null, form({ token, name: "X", password: "attacker-password" })),
    ).toMatchObject({ ok: false, code: "conflict" });
    expect((await findUserByEmail(existing.email))?.passwordHash).toBe(existing.passwordHash);
    expect(await findMember(org.id, existing.id)).toBeUndefined();
    expect((await invitationOf(token)).acceptedAt).toBeNull();
  });

  it("refuses to create an account for someone who is signed in", async () => {
    const { org, admin } = await createOrgWithPeople();
    const token = await invite(outbox, admin, org, "fresh@example.test");
    actAs(admin);
    expect(
      await createAccountAndAccept(null, form({ token, name: "X", password: "long-password-1" })),
    ).toMatchObject({ ok: false, code: "conflict" });
    expect(await usersWithEmail("fresh@example.test")).toHaveLength(0);
  });
});

describe("an existing account accepting", () => {
  it("must sign in as the invited address, then joins; its password is untouched", async () => {
    const { org, admin } = await createOrgWithPeople();
    const elsewhere = await createOrgWithPeople();
    const person = elsewhere.member;
    const token = await invite(outbox, admin, org, person.email.toUpperCase());
    actAs(null);
    expect(await loadInvitationView(token)).toMatchObject({ step: "sign-in" });
    expect(await acceptAs(null, token)).toMatchObject({ ok: false, code: "unauthenticated" });
    actAs(person);
    expect(await loadInvitationView(token)).toMatchObject({ step: "accept" });
    expect(await acceptAs(person, token)).toBe("redirected");
    expect(testRequest.session?.preferredOrgId).toBe(org.id);
    expect((await findMember(org.id, person.id))?.role).toBe("member");
    expect((await findUserByEmail(person.email))?.passwordHash).toBe(person.passwordHash);
    expect(await acceptedEvents(org.id)).toHaveLength(1);
  });

  it("someone signed in with a different email is told to switch and joins nobody", async () => {
    const { org, admin } = await createOrgWithPeople();
    const intended = await createUser();
    const bystander = await createUser();
    const token = await invite(outbox, admin, org, intended.email);
    actAs(bystander);
    expect(await loadInvitationView(token)).toMatchObject({
      step: "switch-account",
      signedInAs: bystander.email,
    });
    const result = await acceptAs(bystander, token);
    expect(result).toMatchObject({ ok: false, code: "forbidden" });
    expect((result as { message: string }).message).toContain(`Sign out and sign in as`);
    expect(await findMember(org.id, bystander.id)).toBeUndefined();
    expect(await findMember(org.id, intended.id)).toBeUndefined();
    expect((await invitationOf(token)).acceptedAt).toBeNull();
  });

  it("an invitee who is already a member is told so", async () => {
    const { org, admin } = await createOrgWithPeople();
    const person = await createUser();
    const token = await invite(outbox, admin, org, person.email);
    // joins another way before opening the link (as `npm run db:seed` adds people)
    await insertMembership(database.db, org.id, person.id, "admin");
    actAs(person);
    expect(await loadInvitationView(token)).toMatchObject({ step: "already-member" });
    expect(await acceptAs(person, token)).toMatchObject({
      code: "conflict",
      message: `You're already a member of ${org.name}.`,
    });
    expect((await findMember(org.id, person.id))?.role).toBe("admin");
  });
});

describe("links that can no longer be used", () => {
  it("an invitation link works once", async () => {
    const { org, admin } = await createOrgWithPeople();
    const token = await invite(outbox, admin, org, "once@example.test");
    actAs(null);
    const input = { token, name: "Once", password: "first-password-1" };
    expect(await createAccountAndAccept(null, form(input))).toBeNull();
    expect(
      await createAccountAndAccept(null, form({ ...input, password: "second-password-2" })),
    ).toEqual({
      ok: false,
      code: "conflict",
      message: unusableLinkMessages.accepted,
      fieldErrors: undefined,
    });
    const [user] = await usersWithEmail("once@example.test");
    expect(await verifyPassword("first-password-1", user!.passwordHash)).toBe(true);
    actAs(user!);
    expect(await acceptAs(user!, token)).toMatchObject({ message: unusableLinkMessages.accepted });
    expect(await loadInvitationView(token)).toEqual({
      step: "unusable",
      reason: "accepted",
      signedIn: true,
    });
  });

  it("two simultaneous accepts of one link create one account and one membership", async () => {
    const { org, admin } = await createOrgWithPeople();
    const token = await invite(outbox, admin, org, "race@example.test");
    actAs(null);
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        createAccountAndAccept(
          null,
          form({ token, name: `R${i}`, password: `race-password-${i}` }),
        ),
      ),
    );
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect(results.filter((r) => r && !r.ok && r.code === "conflict")).toHaveLength(4);
    expect(await usersWithEmail("race@example.test")).toHaveLength(1);
    expect(await acceptedEvents(org.id)).toHaveLength(1);
  });

  it.each([
    { reason: "expired" as const, title: "an expired link adds nobody" },
    { reason: "revoked" as const, title: "a revoked link adds nobody" },
  ])("$title", async ({ reason }) => {
    const { org, admin } = await createOrgWithPeople();
    const person = await createUser();
    const fresh = await invite(outbox, admin, org, "never@example.test");
    const known = await invite(outbox, admin, org, person.email);
    for (const token of [fresh, known]) {
      const invitation = await invitationOf(token);
      if (reason === "expired") {
        await database.db
          .update(invitations)
          .set({ expiresAt: new Date(Date.now() - 1) })
          .where(eq(invitations.id, invitation.id));
      } else {
        actAs(admin, org.id);
        expect(await revokeInvitation(null, onPage({ invitationId: invitation.id }))).toMatchObject(
          {
            ok: true,
          },
        );
      }
    }
    actAs(null);
    expect(await loadInvitationView(fresh)).toEqual({ step: "unusable", reason, signedIn: false });
    expect(
      await createAccountAndAccept(
        null,
        form({ token: fresh, name: "N", password: "never-password-1" }),
      ),
    ).toMatchObject({ code: "conflict", message: unusableLinkMessages[reason] });
    expect(await acceptAs(person, known)).toMatchObject({
      code: "conflict",
      message: unusableLinkMessages[reason],
    });
    expect(await usersWithEmail("never@example.test")).toHaveLength(0);
    expect(await findMember(org.id, person.id)).toBeUndefined();
    expect(await acceptedEvents(org.id)).toHaveLength(0);
  });

  it("an accept racing a revoke ends as one of the two, never both", async () => {
    const { org, admin } = await createOrgWithPeople();
    for (let i = 0; i < 4; i++) {
      const person = await createUser();
      const token = await invite(outbox, admin, org, person.email);
      const { id } = await invitationOf(token);
      const [accepted, revoked] = await Promise.all([
        acceptAs(person, token),
        (actAs(admin, org.id), revokeInvitation(null, onPage({ invitationId: id }))),
      ]);
      const row = await invitationOf(token);
      const member = await findMember(org.id, person.id);
      if (accepted === "redirected") {
        expect(revoked).toMatchObject({ code: "not_found" });
        expect(row).toMatchObject({ revokedAt: null, acceptedBy: person.id });
        expect(member).toBeDefined();
      } else {
        expect(revoked).toMatchObject({ ok: true });
        expect(accepted).toMatchObject({ message: unusableLinkMessages.revoked });
        expect(row.acceptedAt).toBeNull();
        expect(member).toBeUndefined();
      }
    }
  });

  it("a made-up or mangled token reads as not valid without revealing anything", async () => {
    actAs(null);
    const forged = "A".repeat(43);
    for (const token of [forged, "short", `${"x".repeat(42)}!`]) {
      expect(await loadInvitationView(token)).toEqual({
        step: "unusable",
        reason: "invalid",
        signedIn: false,
      });
      expect(
        await createAccountAndAccept(null, form({ token, name: "N", password: "whatever-pass-1" })),
      ).toMatchObject({ code: "not_found", message: unusableLinkMessages.invalid });
    }
  });
});
