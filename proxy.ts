import NextAuth from "next-auth";
import { authConfig } from "./auth.config";

// Only redirects signed-out visitors of pages to /login. Every action and route handler checks
// session, organization and role itself; /api is excluded so it answers JSON 401s, not redirects.
const { auth } = NextAuth(authConfig);
export const proxy = auth;

export const config = {
  matcher: ["/((?!api|\\.well-known|_next/static|_next/image|favicon.ico).*)"],
};
