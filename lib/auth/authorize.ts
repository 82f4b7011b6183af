import "server-only";
import { findMembershipContext } from "@/db/queries/memberships";
import { findSessionVersion, findUserById } from "@/db/queries/users";
import type { Organization, Role, User } from "@/db/schema";
import type { AuditContext } from "@/lib/audit/write";
import { conflict, forbidden, invalid, unauthenticated } from "@/lib/errors";
import { hasRole } from "@/lib/roles";
import { currentSession, requestMeta, type RequestMeta } from "./request-context";

export type MemberContext = {
  user: { id: string; email: string; name: string };
  org: Organization;
  role: Role;
  meta: RequestMeta;
};

/**
 * Session → membership in the current organization → role. Every server action and page that
 * reads organization data starts here; it throws AppError (401/403) rather than returning null.
 * `pageOrgId`: the organization the caller's page shows (null: the page named none); a different
 * current organization (a switch in another tab) is refused with 409 before the role is checked.
 */
export async function requireMember(
  minRole: Role = "member",
  pageOrgId?: string | null,
): Promise<MemberContext> {
  const session = await currentSession();
  if (!session) throw unauthenticated();
  const found = await findMembershipContext(session.userId, session.preferredOrgId);
  // The session check rides on the membership query; only someone without any membership pays
  // a second read, to tell an ended session (sign in again) from a valid one (forbidden).
  const liveVersion = found ? found.sessionVersion : await findSessionVersion(session.userId);
  if (liveVersion !== session.sessionVersion) throw unauthenticated();
  if (!found) throw forbidden("You are not a member of any organization.");
  const { sessionVersion: _, ...membership } = found;
  if (typeof pageOrgId === "string" && membership.org.id !== pageOrgId) {
    const page = await findMembershipContext(session.userId, pageOrgId);
    const pageName = page?.org.id === pageOrgId ? page.org.name : "another organization";
    throw conflict(
      `This page belongs to ${pageName}, but you have since switched to ${membership.org.name}. ` +
        "Reload the page to continue.",
    );
  }
  if (!hasRole(membership.role, minRole)) throw forbidden();
  if (pageOrgId === null) {
    throw invalid("This form does not say which organization it is for. Reload the page.");
  }
  return { ...membership, meta: await requestMeta() };
}

/** The signed-in person, for actions on their own account rather than an organization's data. */
export async function requireUser(): Promise<User> {
  const session = await currentSession();
  if (!session) throw unauthenticated();
  const user = await findUserById(session.userId);
  if (!user || user.sessionVersion !== session.sessionVersion) throw unauthenticated();
  return user;
}

export function auditContextOf(ctx: MemberContext): AuditContext {
  return {
    orgId: ctx.org.id,
    actor: { type: "user", id: ctx.user.id, email: ctx.user.email, name: ctx.user.name },
    ip: ctx.meta.ip,
    userAgent: ctx.meta.userAgent,
  };
}
