"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { lockOrgScope } from "@/db/queries/locks";
import {
  countOwners,
  deleteMembership,
  findMember,
  updateMembershipRole,
} from "@/db/queries/memberships";
import { endSessionsIfNoMembership } from "@/db/queries/users";
import { ok, orgAction } from "@/lib/actions/safe-action";
import { auditContextOf } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/write";
import { conflict, notFound } from "@/lib/errors";
import { revokeKeysOfRemovedMember } from "@/lib/keys/member-removal";
import { requireOwnerFor } from "./owner-rule";
import { changeRoleSchema, removeMemberSchema } from "./schema";

export const changeMemberRole = orgAction(
  { schema: changeRoleSchema, role: "admin" },
  async (input, ctx) => {
    await getDb().transaction(async (tx) => {
      await lockOrgScope(tx, "members", ctx.org.id);
      const member = await findMember(ctx.org.id, input.userId, tx);
      if (!member) throw notFound("That member");
      if (member.role === input.role) return;
      requireOwnerFor(ctx, member.role, input.role);
      if (member.role === "owner" && (await countOwners(ctx.org.id, tx)) <= 1) {
        throw conflict("The last owner cannot be demoted. Make someone else an owner first.");
      }
      await updateMembershipRole(tx, ctx.org.id, member.userId, input.role);
      await recordAudit(tx, auditContextOf(ctx), {
        event: "member.role_changed",
        target: { type: "member", id: member.userId, name: member.email },
        changes: { role: { from: member.role, to: input.role } },
        description: `Changed role of ${member.email} from ${member.role} to ${input.role}`,
      });
    });
    revalidatePath("/settings/members");
    return ok("Role updated.");
  },
);

export const removeMember = orgAction(
  { schema: removeMemberSchema, role: "admin" },
  async (input, ctx) => {
    const revoked = await getDb().transaction(async (tx) => {
      await lockOrgScope(tx, "members", ctx.org.id);
      const member = await findMember(ctx.org.id, input.userId, tx);
      if (!member) throw notFound("That member");
      requireOwnerFor(ctx, member.role);
      if (member.role === "owner" && (await countOwners(ctx.org.id, tx)) <= 1) {
        throw conflict("The last owner cannot be removed.");
      }
      await deleteMembership(tx, ctx.org.id, member.userId);
      // Someone left without any organization has nothing to be signed in for.
      await endSessionsIfNoMembership(tx, member.userId);
      await recordAudit(tx, auditContextOf(ctx), {
        event: "member.removed",
        target: { type: "member", id: member.userId, name: member.email },
        changes: { role: member.role },
        description: `Removed ${member.email}`,
      });
      return revokeKeysOfRemovedMember(tx, ctx, member);
    });
    revalidatePath("/settings/members");
    revalidatePath("/settings/integrations");
    return ok(
      revoked.length
        ? `Member removed. ${revoked.length === 1 ? "Their API key was" : `Their ${revoked.length} API keys were`} revoked.`
        : "Member removed.",
    );
  },
);
