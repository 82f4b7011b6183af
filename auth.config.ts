import type { NextAuthConfig } from "next-auth";

// /invite: the link's token is the authority there, checked by the page and its actions.
const publicPaths = ["/login", "/setup", "/docs", "/invite"];

declare module "next-auth" {
  interface User {
    /** users.session_version when the person signed in. */
    sessionVersion?: number;
  }
  interface Session {
    sessionVersion?: number;
  }
}

// The database-free half of the Auth.js config, so proxy.ts can use it without loading drivers.
export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt" },
  trustHost: true,
  callbacks: {
    authorized({ auth, request: { nextUrl } }) {
      if (publicPaths.some((p) => nextUrl.pathname === p || nextUrl.pathname.startsWith(`${p}/`))) {
        return true;
      }
      return !!auth?.user;
    },
    jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        // The server compares this with the users row on every request (lib/auth/authorize.ts):
        // raising the row's version ends this session, on every instance, without a session table.
        token.sv = user.sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      if (token.uid && session.user) session.user.id = String(token.uid);
      // Tokens issued before session versions existed carry none: they count as version 0.
      session.sessionVersion = typeof token.sv === "number" ? token.sv : 0;
      return session;
    },
  },
  providers: [],
} satisfies NextAuthConfig;
