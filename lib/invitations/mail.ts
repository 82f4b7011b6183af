import "server-only";
import type { Executor } from "@/db/client";
import type { Role } from "@/db/schema";
import { enqueueEmail } from "@/lib/outbox/enqueue";
import { roleWithArticle } from "./status";
import { invitationPath } from "./token";

export type InvitationMail = {
  to: string;
  orgName: string;
  inviterName: string;
  role: Role;
  origin: string;
  token: string;
  expiresAt: Date;
};

/**
 * The invitation email. Its text is the same whether or not the address has an account: the page
 * behind the link decides between "set a password" and "sign in", so the message reveals nothing.
 */
function invitationMessage(mail: InvitationMail) {
  const link = `${mail.origin}${invitationPath(mail.token)}`;
  return {
    to: mail.to,
    subject: `${mail.inviterName} invited you to ${mail.orgName} on Latchkey`,
    text:
      `Hello,\n\n${mail.inviterName} invited you to join ${mail.orgName} on Latchkey as ` +
      `${roleWithArticle(mail.role)}.\n\n` +
      `Accept the invitation:\n${link}\n\n` +
      `The link works once and expires on ${mail.expiresAt.toUTCString()}. ` +
      `If you did not expect this invitation, you can ignore this email.\n`,
  };
}

/**
 * Queues the invitation email in the invite's transaction: it goes out only if the invitation is
 * saved, and even if this process stops first. The link (a credential) is sealed in the outbox
 * and dropped from it once sent.
 */
export async function enqueueInvitation(tx: Executor, orgId: string, mail: InvitationMail) {
  await enqueueEmail(tx, { kind: "invitation", orgId, ...invitationMessage(mail) });
}
