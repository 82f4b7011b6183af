import "server-only";
import type { Executor } from "@/db/client";
import { findInvitationByDigest, markInvitationAccepted } from "@/db/queries/invitations";
import { findMember, insertMembership } from "@/db/queries/memberships";
import type { RequestMeta } from "@/lib/auth/request-context";
import { userAuditContext } from "@/lib/audit/user-actor";
import { recordAudit } from "@/lib/audit/write";
import { AppError, conflict } from "@/lib/errors";
import { invitationStatus, unusableLinkMessages } from "./status";
import { digestInvitationToken, isWellFormedToken } from "./token";

export type UsableInvitation = NonNullable<Awaited<ReturnType<typeof findInvitationByDigest>>>;

/**
 * The invitation a link names, locked until the transaction ends so that an accept, a revoke and a
 * resend of it happen one after the other; refused with the page's message unless still pending.
 */
export async function lockUsableInvitation(tx: Executor, token: string) {
  const row = isWellFormedToken(token)
    ? await findInvitationByDigest(digestInvitationToken(token), { lock: true }, tx)
    : undefined;
  if (!row) throw new AppError("not_found", unusableLinkMessages.invalid);
  const status = invitationStatus(row.invitation);
  if (status !== "pending") throw conflict(unusableLinkMessages[status]);
  return row;
}

/** Adds the invitee with the invited role and spends the invitation, with its audit event. */
export async function joinOrganization(
  tx: Executor,
  { invitation, org }: UsableInvitation,
  user: { id: string; email: string; name: string },
  meta: RequestMeta,
) {
  if (await findMember(org.id, user.id, tx)) {
    throw conflict(`You're already a member of ${org.name}.`);
  }
  await insertMembership(tx, org.id, user.id, invitation.role);
  await markInvitationAccepted(tx, invitation.id, user.id);
  await recordAudit(tx, userAuditContext(org.id, user, meta), {
    event: "member.invitation_accepted",
    target: { type: "member", id: user.id, name: user.email },
    changes: { role: invitation.role, invitationId: invitation.id },
    description: `${user.email} accepted the invitation and joined as ${invitation.role}`,
  });
}
