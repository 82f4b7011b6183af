"use server";

import { revalidatePath } from "next/cache";
import { getDb, type Executor } from "@/db/client";
import {
  findMemberByEmail,
  insertInvitation,
  lockOpenInvitation,
  lockOpenInvitationByEmail,
  markInvitationRevoked,
  renewInvitation,
} from "@/db/queries/invitations";
import { lockOrgScope } from "@/db/queries/locks";
import type { Invitation } from "@/db/schema";
import { ok, orgAction } from "@/lib/actions/safe-action";
import { auditContextOf, type MemberContext } from "@/lib/auth/authorize";
import { requestOrigin } from "@/lib/auth/request-context";
import { recordAudit } from "@/lib/audit/write";
import { conflict, notFound } from "@/lib/errors";
import { enqueueInvitation } from "@/lib/invitations/mail";
import { INVITATION_TTL_MS, newInvitationToken } from "@/lib/invitations/token";
import { nudgeOutbox } from "@/lib/outbox/schedule";
import { consume } from "@/lib/rate-limit";
import { requireOwnerFor } from "../owner-rule";
import { invitationIdSchema, inviteMemberSchema } from "./schema";

const PATH = "/settings/members";
const EMAILS_PER_ADDRESS_PER_HOUR = 5;

/**
 * Each invitation emails someone outside the organization: a few per address and hour keep an
 * admin's session from being used to flood a mailbox. Counted in the transaction, so a refused
 * attempt does not count; keyed by address whether or not it has an account.
 */
async function limitEmailsTo(tx: Executor, orgId: string, email: string) {
  const state = await consume(
    `invitation-mail:${orgId}:${email.toLowerCase()}`,
    EMAILS_PER_ADDRESS_PER_HOUR,
    3600,
    tx,
  );
  if (state.count > EMAILS_PER_ADDRESS_PER_HOUR) {
    throw conflict(
      `${email} has been sent ${EMAILS_PER_ADDRESS_PER_HOUR} invitation emails this hour. Try again in ${Math.ceil(state.resetSeconds / 60)} minutes.`,
    );
  }
}

const target = (invitation: Invitation) => ({
  type: "invitation",
  id: invitation.id,
  name: invitation.email,
});

/** A fresh link: the token goes only into the email (sealed in the outbox until it is sent). */
async function freshLink() {
  const { token, digest } = newInvitationToken();
  return {
    token,
    digest,
    expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
    origin: await requestOrigin(),
  };
}

/** The email with the fresh link, queued in the caller's transaction. */
function queueEmail(
  tx: Executor,
  ctx: MemberContext,
  invitation: Invitation,
  link: Awaited<ReturnType<typeof freshLink>>,
) {
  return enqueueInvitation(tx, ctx.org.id, {
    to: invitation.email,
    orgName: ctx.org.name,
    inviterName: ctx.user.name,
    role: invitation.role,
    origin: link.origin,
    token: link.token,
    expiresAt: invitation.expiresAt,
  });
}

/**
 * Invites an email. The answer and the work are the same whether or not the address has an
 * account anywhere: only membership of this organization (visible on this screen) is checked.
 */
export const inviteMember = orgAction(
  { schema: inviteMemberSchema, role: "admin" },
  async (input, ctx) => {
    requireOwnerFor(ctx, input.role);
    const link = await freshLink();
    const invitation = await getDb().transaction(async (tx) => {
      await lockOrgScope(tx, "members", ctx.org.id);
      if (await findMemberByEmail(ctx.org.id, input.email, tx)) {
        throw conflict(`${input.email} is already a member of ${ctx.org.name}.`);
      }
      await limitEmailsTo(tx, ctx.org.id, input.email);
      const open = await lockOpenInvitationByEmail(tx, ctx.org.id, input.email);
      // Inviting again replaces the open invitation (its old link dies), so the same owner rule applies to it.
      if (open) requireOwnerFor(ctx, open.role);
      const values = {
        tokenDigest: link.digest,
        expiresAt: link.expiresAt,
        role: input.role,
        invitedBy: ctx.user.id,
      };
      const invitation = open
        ? await renewInvitation(tx, open.id, values)
        : await insertInvitation(tx, { ...values, orgId: ctx.org.id, email: input.email });
      await recordAudit(tx, auditContextOf(ctx), {
        event: "member.invited",
        target: target(invitation),
        changes: { role: input.role, expiresAt: link.expiresAt.toISOString() },
        description: `Invited ${invitation.email} as ${input.role}`,
      });
      await queueEmail(tx, ctx, invitation, link);
      return invitation;
    });
    nudgeOutbox();
    revalidatePath(PATH);
    return ok(`Invitation sent to ${invitation.email}.`);
  },
);

export const resendInvitation = orgAction(
  { schema: invitationIdSchema, role: "admin" },
  async (input, ctx) => {
    const link = await freshLink();
    const invitation = await getDb().transaction(async (tx) => {
      const open = await lockOpenInvitation(tx, ctx.org.id, input.invitationId);
      if (!open) throw notFound("That invitation");
      requireOwnerFor(ctx, open.role);
      await limitEmailsTo(tx, ctx.org.id, open.email);
      const invitation = await renewInvitation(tx, open.id, {
        tokenDigest: link.digest,
        expiresAt: link.expiresAt,
      });
      await recordAudit(tx, auditContextOf(ctx), {
        event: "member.invitation_resent",
        target: target(invitation),
        changes: {
          expiresAt: { from: open.expiresAt.toISOString(), to: link.expiresAt.toISOString() },
        },
        description: `Re-sent the invitation to ${invitation.email}`,
      });
      await queueEmail(tx, ctx, invitation, link);
      return invitation;
    });
    nudgeOutbox();
    revalidatePath(PATH);
    return ok(`Invitation re-sent to ${invitation.email}. The previous link no longer works.`);
  },
);

export const revokeInvitation = orgAction(
  { schema: invitationIdSchema, role: "admin" },
  async (input, ctx) => {
    const invitation = await getDb().transaction(async (tx) => {
      // The row lock orders this against an accept of the same invitation.
      const open = await lockOpenInvitation(tx, ctx.org.id, input.invitationId);
      if (!open) throw notFound("That invitation");
      requireOwnerFor(ctx, open.role);
      await markInvitationRevoked(tx, open.id);
      await recordAudit(tx, auditContextOf(ctx), {
        event: "member.invitation_revoked",
        target: target(open),
        changes: { role: open.role },
        description: `Revoked the invitation to ${open.email}`,
      });
      return open;
    });
    revalidatePath(PATH);
    return ok(`Invitation to ${invitation.email} revoked.`);
  },
);
