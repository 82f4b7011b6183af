import type { RequestMeta, SessionInfo } from "@/lib/auth/request-context";

/** Who the mocked request is from; set with actAs(). */
export const testRequest: { session: SessionInfo | null; meta: RequestMeta; origin: string } = {
  session: null,
  meta: { ip: "203.0.113.7", userAgent: "vitest" },
  origin: "http://localhost:3000",
};

export function actAs(user: { id: string } | null, preferredOrgId?: string) {
  testRequest.session = user ? { userId: user.id, preferredOrgId } : null;
}
