import type { RequestMeta, SessionInfo } from "@/lib/auth/request-context";

/** Who the mocked request is from; set with actAs(). */
export const testRequest: {
  session: SessionInfo | null;
  meta: RequestMeta;
  origin: string;
  /** The organization of the page the next onPage() input comes from. */
  pageOrgId?: string;
} = {
  session: null,
  meta: { ip: "203.0.113.7", userAgent: "vitest", fetchSite: null },
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
  testRequest.pageOrgId = preferredOrgId;
}

/**
 * An action's input as sent from a page of the organization chosen with actAs() (or set in
 * testRequest.pageOrgId): organization actions refuse input that does not name the page's.
 */
export function onPage<T extends object>(input: T): T & { pageOrgId?: string } {
  return { ...input, pageOrgId: testRequest.pageOrgId };
}
