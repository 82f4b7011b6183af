import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "./auth.config";
import {
  HSTS,
  newNonce,
  pageContentSecurityPolicy,
  servedOverHttps,
} from "./lib/http/security-headers";

// Redirects signed-out visitors of pages to /login and gives every page its Content-Security-Policy
// with a fresh nonce. Every action and route handler checks session, organization and role
// itself; /api is excluded so it answers JSON 401s, not redirects. No database here.
const { auth } = NextAuth(authConfig);

export const proxy = auth(async (request) => {
  const nonce = newNonce();
  const https = servedOverHttps(request);
  const csp = pageContentSecurityPolicy(nonce, https);
  const allowed = authConfig.callbacks.authorized({ auth: request.auth, request });
  let response: NextResponse;
  if (allowed) {
    // Next reads the nonce from the request's policy and puts it on the scripts it renders; the
    // layout reads x-nonce for the scripts it adds itself.
    const headers = new Headers(request.headers);
    headers.set("x-nonce", nonce);
    headers.set("Content-Security-Policy", csp);
    response = NextResponse.next({ request: { headers } });
  } else {
    const login = request.nextUrl.clone();
    login.pathname = authConfig.pages.signIn;
    login.search = "";
    login.searchParams.set("callbackUrl", request.nextUrl.href);
    response = NextResponse.redirect(login);
  }
  response.headers.set("Content-Security-Policy", csp);
  if (https) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
});

export const config = {
  matcher: ["/((?!api|\\.well-known|_next/static|_next/image|favicon.ico).*)"],
};
