import type { MemberContext } from "@/lib/auth/authorize";
import { forbidden } from "@/lib/errors";

const ownerOnly = "Only an owner can grant, change or remove the owner role.";

/** Anything that grants, changes or takes away the owner role is for owners only. */
export function requireOwnerFor(ctx: MemberContext, ...roles: string[]) {
  if (roles.includes("owner") && ctx.role !== "owner") throw forbidden(ownerOnly);
}
