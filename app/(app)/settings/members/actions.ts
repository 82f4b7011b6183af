"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { lockOrgScope } from "@/db/queries/locks";
import {
  countOwners,
  deleteMembership,
  findMember,
  insertMembership,
  updateMembershipRole,
} from "@/db/queries/memberships";
import { endSessionsIfNoMembership, findUserByEmail, insertUser } from "@/db/queries/users";
import { ok, orgAction } from "@/lib/actions/safe-action";
import { auditContextOf, type MemberContext } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/write";
import { conflict, forbidden, notFound } from "@/lib/errors";
import { hashPassword } from "@/lib/password";
import { addMemberSchema, changeRoleSchema, removeMemberSchema } from "./schema";

const ownerOnly = "Only an owner can grant, change or remove the owner role.";

function requireOwnerFor(ctx: MemberContext, ...roles: string[]) {
  if (roles.includes("owner") && ctx.role !== "owner") throw forbidden(ownerOnly);
}

export const addMember = orgAction(
  { schema: addMemberSchema, role: "admin" },
  async (input, ctx) => {
    requireOwnerFor(ctx, input.role);
    const passwordHash = await hashPassword(input.password);
    const result = await getDb().transaction(async (tx) => {
      let user = await findUserByEmail(input.email, tx);
      const existing = !!user;
      if (user && (await findMember(ctx.org.id, user.id, tx))) {
        throw conflict(`${input.email} is already a member of ${ctx.org.name}.`);
      }
      user ??= await insertUser(tx, { email: input.email, name: input.name, passwordHash });
      await insertMembership(tx, ctx.org.id, user.id, input.role);
      await recordAudit(tx, auditContextOf(ctx), {
        event: "member.added",
        target: { type: "member", id: user.id, name: user.email },
        changes: { role: input.role },
        description: `Added ${user.email} as ${input.role}`,
      });
      return { existing, email: user.email };
    });
    revalidatePath("/settings/members");
    return ok(
      result.existing
        ? `${result.email} already had an account and was added; their password is unchanged.`
        : `${result.email} was added.`,
    );
  },
);

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
    await getDb().transaction(async (tx) => {
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
    });
    revalidatePath("/settings/members");
    return ok("Member removed.");
  },
);
