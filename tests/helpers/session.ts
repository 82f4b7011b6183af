import type { RequestMeta, SessionInfo } from "@/lib/auth/request-context";

/** Who the mocked request is from; set with actAs(). */
export const testRequest: { session: SessionInfo | null; meta: RequestMeta; origin: string } = {
  session: null,
  meta: { ip: "203.0.113.7", userAgent: "vitest" },
  origin: "http://localhost:3000",
};

/**
 * Presents a session of `user`. Like a real token it carries the session version the user had
 * when it was issued: a users row passed here, or `sessionVersion` given explicitly (default 0).
 */
export function actAs(
  user: { id: string; sessionVersion?: number } | null,
  preferredOrgId?: string,
) {
  testRequest.session = user
    ? { userId: user.id, preferredOrgId, sessionVersion: user.sessionVersion ?? 0 }
    : null;
}
