import "server-only";
import { findInvitationByDigest } from "@/db/queries/invitations";
import { findMember } from "@/db/queries/memberships";
import { findUserByEmail, findUserById } from "@/db/queries/users";
import type { Role } from "@/db/schema";
import { currentSession } from "@/lib/auth/request-context";
import { invitationStatus, sameEmail, type InvitationStatus } from "@/lib/invitations/status";
import { digestInvitationToken, isWellFormedToken } from "@/lib/invitations/token";

export type InvitationView =
  | {
      step: "unusable";
      reason: Exclude<InvitationStatus, "pending"> | "invalid";
      signedIn: boolean;
    }
  | {
      step: "accept" | "already-member" | "switch-account" | "sign-in" | "create-account";
      invitation: { email: string; role: Role; orgName: string; invitedBy: string | null };
      signedInAs?: string;
    };

/** What the link's page shows: decided by the token's invitation and who (if anyone) opened it. */
export async function loadInvitationView(token: string): Promise<InvitationView> {
  const session = await currentSession();
  const row = isWellFormedToken(token)
    ? await findInvitationByDigest(digestInvitationToken(token))
    : undefined;
  if (!row) return { step: "unusable", reason: "invalid", signedIn: !!session };
  const status = invitationStatus(row.invitation);
  if (status !== "pending") return { step: "unusable", reason: status, signedIn: !!session };

  const invitation = {
    email: row.invitation.email,
    role: row.invitation.role,
    orgName: row.org.name,
    invitedBy: row.invitedByName,
  };
  const user = session ? await findUserById(session.userId) : undefined;
  if (user) {
    if (!sameEmail(user.email, invitation.email)) {
      return { step: "switch-account", invitation, signedInAs: user.email };
    }
    const member = await findMember(row.org.id, user.id);
    return { step: member ? "already-member" : "accept", invitation, signedInAs: user.email };
  }
  // Only the holder of the link learns whether the invited address has an account.
  const account = await findUserByEmail(invitation.email);
  return { step: account ? "sign-in" : "create-account", invitation };
}
