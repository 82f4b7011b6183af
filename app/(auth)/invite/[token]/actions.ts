"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/auth";
import { getDb } from "@/db/client";
import { lockOrgScope } from "@/db/queries/locks";
import { findUserByEmail, findUserById, insertUser } from "@/db/queries/users";
import { formFields } from "@/lib/actions/form-input";
import { failure, refuseCrossSiteCall, type ActionState } from "@/lib/actions/safe-action";
import {
  currentSession,
  ORG_COOKIE,
  requestMeta,
  setPreferredOrg,
} from "@/lib/auth/request-context";
import { conflict, forbidden, invalid, unauthenticated } from "@/lib/errors";
import { joinOrganization, lockUsableInvitation } from "@/lib/invitations/accept";
import { sameEmail } from "@/lib/invitations/status";
import { invitationPath, isWellFormedToken } from "@/lib/invitations/token";
import { hashPassword } from "@/lib/password";
import { acceptSchema, createAccountSchema } from "./schema";

const LANDING = "/settings/integrations";

// Anything the caller sent (a form, a plain object, junk) is read as fields: junk fails validation
// instead of throwing.
function parse<S extends z.ZodType>(schema: S, formData: unknown): z.output<S> {
  const parsed = schema.safeParse(formFields(formData));
  if (!parsed.success) {
    throw invalid(
      "Please correct the highlighted fields.",
      z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
    );
  }
  return parsed.data;
}

/** An existing account, signed in as the invited email, joins the organization. */
export async function acceptInvitation(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  let orgId: string;
  try {
    const session = await currentSession();
    await refuseCrossSiteCall();
    const { token } = parse(acceptSchema, formData);
    if (!session) throw unauthenticated();
    const user = await findUserById(session.userId);
    if (!user) throw unauthenticated();
    const meta = await requestMeta();
    orgId = await getDb().transaction(async (tx) => {
      const row = await lockUsableInvitation(tx, token);
      // The link is the authority only together with the invited address's own sign-in.
      if (!sameEmail(user.email, row.invitation.email)) {
        throw forbidden(
          `This invitation is for ${row.invitation.email}, but you're signed in as ${user.email}. Sign out and sign in as ${row.invitation.email} to accept it.`,
        );
      }
      await joinOrganization(tx, row, user, meta);
      return row.org.id;
    });
  } catch (error) {
    return failure(error);
  }
  await setPreferredOrg(orgId);
  redirect(LANDING);
}

/** A person without an account sets their own name and password, joins, and is signed in. */
export async function createAccountAndAccept(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  let joined: { orgId: string; email: string };
  let password: string;
  try {
    await refuseCrossSiteCall();
    const input = parse(createAccountSchema, formData);
    password = input.password;
    if (await currentSession()) {
      throw conflict(
        "You're signed in to another account. Sign out first, then open the link again.",
      );
    }
    const passwordHash = await hashPassword(input.password);
    const meta = await requestMeta();
    joined = await getDb().transaction(async (tx) => {
      const row = await lockUsableInvitation(tx, input.token);
      const email = row.invitation.email;
      // Two invitations of one address accepted at once must not race to create two accounts.
      await lockOrgScope(tx, "account", email.toLowerCase());
      if (await findUserByEmail(email, tx)) {
        throw conflict(
          `An account for ${email} already exists. Sign in as ${email} to accept the invitation.`,
        );
      }
      const user = await insertUser(tx, { email, name: input.name, passwordHash });
      await joinOrganization(tx, row, user, meta);
      return { orgId: row.org.id, email };
    });
  } catch (error) {
    return failure(error);
  }
  await setPreferredOrg(joined.orgId);
  await signIn("credentials", { email: joined.email, password, redirectTo: LANDING });
  return null;
}

/** Signs out a person who opened someone else's invitation, and brings them back to the link. */
export async function signOutToInvitation(formData: FormData) {
  // Another website cannot sign people out: the request is answered and nothing happens.
  if ((await requestMeta()).fetchSite === "cross-site") return;
  const token = String(formData.get("token") ?? "");
  (await cookies()).delete(ORG_COOKIE);
  await signOut({ redirectTo: isWellFormedToken(token) ? invitationPath(token) : "/login" });
}
