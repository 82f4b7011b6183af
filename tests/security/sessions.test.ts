import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { changePassword, signOutEverywhere } from "@/app/(app)/account/actions";
import { switchOrganization } from "@/app/(app)/actions";
import { removeMember } from "@/app/(app)/settings/members/actions";
import { authConfig } from "@/auth.config";
import { insertMembership } from "@/db/queries/memberships";
import { findUserById } from "@/db/queries/users";
import { auditEvents, users } from "@/db/schema";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { requireMember } from "@/lib/auth/authorize";
import { pageContext } from "@/lib/auth/page-context";
import { ACCOUNT_IP_FAILURE_LIMIT } from "@/lib/auth/sign-in-throttle";
import { verifyPassword } from "@/lib/password";
import { ipHeaders } from "../helpers/client-ip";
import { useTestDatabase } from "../helpers/db";
import { createOrg, createOrgWithPeople, createUser, TEST_PASSWORD } from "../helpers/factories";
import { actAs, testRequest, onPage } from "../helpers/session";

// What Auth.js would do for this request: signIn runs the real Credentials check and "issues" the
// user it returns (the token carries its sessionVersion, see auth.config.ts); signOut is recorded.
const auth = vi.hoisted(() => ({
  issued: [] as { id: string; sessionVersion?: number }[],
  signedOut: [] as unknown[],
}));
vi.mock("@/auth", () => ({
  signIn: async (_provider: string, options: { email: string; password: string }) => {
    const user = await authorizeCredentials(
      { email: options.email, password: options.password },
      new Request("http://localhost/api/auth/callback/credentials", {
        method: "POST",
        headers: ipHeaders(testRequest.meta.ip ?? "192.0.2.1"),
      }),
    );
    if (!user) throw Object.assign(new Error("CredentialsSignin"), { type: "CredentialsSignin" });
    auth.issued.push(user);
  },
  signOut: async (options: unknown) => {
    auth.signedOut.push(options);
  },
}));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, set: () => {}, delete: () => {} }),
}));

const database = useTestDatabase();

beforeEach(() => {
  auth.issued.length = 0;
  auth.signedOut.length = 0;
});

const NEW_PASSWORD = "a brand new passphrase";
const changeForm = (fields: Record<string, string>) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
};

/** How requireMember treats the current request: "member", "signed out" or "forbidden". */
async function standing() {
  try {
    await requireMember();
    return "member";
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "unauthenticated") return "signed out";
    if (code === "forbidden") return "forbidden";
    throw error;
  }
}

describe("a session carries the version it was signed in with", () => {
  it("the token gets the user's version at sign-in and keeps it on later requests", async () => {
    const { jwt, session } = authConfig.callbacks;
    const signedIn = jwt({ token: {}, user: { id: "u1", sessionVersion: 3 } } as never);
    expect(signedIn).toMatchObject({ uid: "u1", sv: 3 });
    const later = jwt({ token: signedIn } as never);
    expect(later).toMatchObject({ uid: "u1", sv: 3 });
    const exposed = session({ session: { user: {} }, token: later } as never);
    expect(exposed).toMatchObject({ user: { id: "u1" }, sessionVersion: 3 });
  });

  it("sign-in hands the user's current version to Auth.js", async () => {
    const user = await createUser();
    await database.db.update(users).set({ sessionVersion: 7 }).where(eq(users.id, user.id));
    const signedIn = await authorizeCredentials(
      { email: user.email, password: TEST_PASSWORD },
      new Request("http://localhost/", { headers: ipHeaders("192.0.2.3") }),
    );
    expect(signedIn).toMatchObject({ id: user.id, sessionVersion: 7 });
  });
});

describe("sign out everywhere", () => {
  it("ends every session of the person, this one included, and goes back to /login", async () => {
    const { org, member } = await createOrgWithPeople();
    actAs(member, org.id);
    expect(await standing()).toBe("member");
    await signOutEverywhere();
    expect(auth.signedOut).toEqual([{ redirectTo: "/login" }]);
    // This browser's token and any other device's carry the old version.
    actAs(member, org.id);
    expect(await standing()).toBe("signed out");
    await expect(pageContext()).rejects.toMatchObject({
      digest: expect.stringContaining("/login"),
    });
    expect(await switchOrganization(org.id)).toMatchObject({ ok: false, code: "unauthenticated" });
    // Signing in again gives a session that works.
    const again = await authorizeCredentials(
      { email: member.email, password: TEST_PASSWORD },
      new Request("http://localhost/", { headers: ipHeaders("192.0.2.4") }),
    );
    actAs(again!, org.id);
    expect(await standing()).toBe("member");
  });

  it("an ended session cannot change the password, and signing out everywhere again only signs it out", async () => {
    const { org, member } = await createOrgWithPeople();
    actAs(member, org.id);
    await signOutEverywhere();
    const ended = (await findUserById(member.id))!.sessionVersion;
    // Asking again only signs this browser out; nothing more is ended.
    await signOutEverywhere();
    expect(auth.signedOut).toHaveLength(2);
    expect((await findUserById(member.id))!.sessionVersion).toBe(ended);
    expect(
      await changePassword(
        null,
        changeForm({
          currentPassword: TEST_PASSWORD,
          newPassword: NEW_PASSWORD,
          confirmPassword: NEW_PASSWORD,
        }),
      ),
    ).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await verifyPassword(TEST_PASSWORD, (await findUserById(member.id))!.passwordHash)).toBe(
      true,
    );
  });
});

describe("change password", () => {
  it("refuses a wrong current password and changes nothing", async () => {
    const { org, member } = await createOrgWithPeople();
    actAs(member, org.id);
    const result = await changePassword(
      null,
      changeForm({
        currentPassword: "not my password",
        newPassword: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      }),
    );
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { currentPassword: ["Your current password is incorrect."] },
    });
    const after = (await findUserById(member.id))!;
    expect(after.passwordHash).toBe(member.passwordHash);
    expect(after.sessionVersion).toBe(member.sessionVersion);
    expect(await standing()).toBe("member");
    expect(auth.issued).toEqual([]);
  });

  it("asks for the new password twice, with the same rules as setup, and names each field", async () => {
    const { org, member } = await createOrgWithPeople();
    actAs(member, org.id);
    const errorsOf = async (fields: Record<string, string>) => {
      const result = await changePassword(null, changeForm(fields));
      expect(result.ok).toBe(false);
      return result.ok ? {} : result.fieldErrors;
    };
    expect(
      await errorsOf({
        currentPassword: TEST_PASSWORD,
        newPassword: NEW_PASSWORD,
        confirmPassword: `${NEW_PASSWORD}!`,
      }),
    ).toEqual({ confirmPassword: ["The two new passwords do not match."] });
    expect(
      await errorsOf({
        currentPassword: TEST_PASSWORD,
        newPassword: "short",
        confirmPassword: "short",
      }),
    ).toEqual({ newPassword: ["Use at least 12 characters."] });
    expect(
      await errorsOf({
        currentPassword: TEST_PASSWORD,
        newPassword: TEST_PASSWORD,
        confirmPassword: TEST_PASSWORD,
      }),
    ).toEqual({ newPassword: ["Choose a password different from your current one."] });
    expect(Object.keys((await errorsOf({})) ?? {}).sort()).toEqual([
      "confirmPassword",
      "currentPassword",
      "newPassword",
    ]);
    for (const junk of [null, "x", 42, [1], { currentPassword: ["a"] }]) {
      expect(await changePassword(null, junk)).toMatchObject({ ok: false, code: "invalid" });
    }
    expect((await findUserById(member.id))!.passwordHash).toBe(member.passwordHash);
  });

  it("ends the person's other sessions at once and keeps this one signed in", async () => {
    const { org, member } = await createOrgWithPeople();
    const otherDevice = { id: member.id, sessionVersion: member.sessionVersion };
    actAs(member, org.id);
    const result = await changePassword(
      null,
      changeForm({
        currentPassword: TEST_PASSWORD,
        newPassword: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      }),
    );
    expect(result).toMatchObject({ ok: true });

    const after = (await findUserById(member.id))!;
    expect(await verifyPassword(NEW_PASSWORD, after.passwordHash)).toBe(true);
    expect(await verifyPassword(TEST_PASSWORD, after.passwordHash)).toBe(false);

    // This browser was signed in again with the new password, at the new version.
    expect(auth.issued).toEqual([
      expect.objectContaining({ id: member.id, sessionVersion: after.sessionVersion }),
    ]);
    actAs(auth.issued[0]!, org.id);
    expect(await standing()).toBe("member");
    // Every session signed in before, on this device or another, is over.
    actAs(otherDevice, org.id);
    expect(await standing()).toBe("signed out");

    // A person's own password is not an organization's change: no audit event.
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.orgId, org.id));
    expect(events).toEqual([]);
  });

  it("wrong current passwords count as failed sign-ins and get throttled", async () => {
    const { org, member } = await createOrgWithPeople();
    actAs(member, org.id);
    const attempt = () =>
      changePassword(
        null,
        changeForm({
          currentPassword: "guess",
          newPassword: NEW_PASSWORD,
          confirmPassword: NEW_PASSWORD,
        }),
      );
    for (let i = 0; i < ACCOUNT_IP_FAILURE_LIMIT - 1; i++) {
      expect(await attempt()).toMatchObject({ ok: false, code: "invalid" });
    }
    expect(await attempt()).toMatchObject({
      ok: false,
      code: "rate_limited",
      message: expect.stringMatching(/^Too many failed attempts\. Try again in \d+ minutes?\.$/),
    });
  });
});

describe("removal from organizations", () => {
  it("removal from the last organization ends the person's sessions", async () => {
    const { org, admin, member } = await createOrgWithPeople();
    actAs(admin, org.id);
    expect(await removeMember(null, onPage({ userId: member.id }))).toMatchObject({ ok: true });
    actAs(member, org.id);
    expect(await standing()).toBe("signed out");
    // They can still sign in (to accept a new invitation), and are then a member of nothing.
    const again = await authorizeCredentials(
      { email: member.email, password: TEST_PASSWORD },
      new Request("http://localhost/", { headers: ipHeaders("192.0.2.5") }),
    );
    actAs(again!);
    expect(await standing()).toBe("forbidden");
  });

  it("removal from one of two organizations does not", async () => {
    const { org, admin, member } = await createOrgWithPeople();
    const second = await createOrg();
    await createUser({ org: second, role: "owner" });
    await insertMembership(database.db, second.id, member.id, "member");
    actAs(admin, org.id);
    expect(await removeMember(null, onPage({ userId: member.id }))).toMatchObject({ ok: true });
    actAs(member, org.id);
    expect(await standing()).toBe("member");
    expect((await requireMember()).org.id).toBe(second.id);
  });
});
