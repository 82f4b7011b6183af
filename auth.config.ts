import type { NextAuthConfig } from "next-auth";

// /invite: the link's token is the authority there, checked by the page and its actions.
const publicPaths = ["/login", "/setup", "/docs", "/invite"];

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
      if (user?.id) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.uid && session.user) session.user.id = String(token.uid);
      return session;
    },
  },
  providers: [],
} satisfies NextAuthConfig;
