import "server-only";
import { log } from "@/lib/log";
import type { Role } from "@/db/schema";
import { sendMail, type MailReceipt } from "@/lib/mail/send";
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
export function invitationMessage(mail: InvitationMail) {
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
 * Sends an invitation after the request has been answered. Nobody awaits it, so a failure is
 * logged (without the link, which is a credential) rather than thrown; the admin can resend.
 */
export async function deliverInvitation(mail: InvitationMail): Promise<MailReceipt | undefined> {
  try {
    return await sendMail(invitationMessage(mail));
  } catch (error) {
    const code = (error as { code?: unknown })?.code;
    log.error(
      { to: mail.to, org: mail.orgName, code: typeof code === "string" ? code : "UNKNOWN" },
      "emailing the invitation failed",
    );
    return undefined;
  }
}
