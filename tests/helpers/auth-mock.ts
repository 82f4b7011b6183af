import { vi } from "vitest";

/**
 * Stands in for "@/auth" where an action signs someone in or out: Auth.js needs a Next request
 * for its cookies. Tests assert who the action signed in; the credentials check itself is
 * covered by asserting the stored password hash.
 */
export const authMock = {
  signIn: vi.fn(async (..._args: unknown[]) => undefined),
  signOut: vi.fn(async (..._args: unknown[]) => undefined),
  auth: vi.fn(async () => null),
};
