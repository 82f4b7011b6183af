import type { RequestMeta } from "@/lib/auth/request-context";
import type { AuditContext } from "./write";

/** The audit context of a person acting outside an organization they already belong to. */
export function userAuditContext(
  orgId: string,
  user: { id: string; email: string; name: string },
  meta: RequestMeta,
): AuditContext {
  return {
    orgId,
    actor: { type: "user", id: user.id, email: user.email, name: user.name },
    ...meta,
  };
}
