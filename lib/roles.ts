import type { Role } from "@/db/schema";

const rank: Record<Role, number> = { member: 1, admin: 2, owner: 3 };

export function hasRole(role: Role, atLeast: Role): boolean {
  return rank[role] >= rank[atLeast];
}

export function isAdmin(role: Role): boolean {
  return hasRole(role, "admin");
}
