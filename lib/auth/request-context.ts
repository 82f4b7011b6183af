import "server-only";
import { cookies, headers } from "next/headers";
import { auth } from "@/auth";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { publicOrigin } from "@/lib/http/public-origin";

export const ORG_COOKIE = "lk_org";

/** `sessionVersion`: the users row's version when this session signed in (see auth.config.ts). */
export type SessionInfo = { userId: string; preferredOrgId?: string; sessionVersion: number };
/** `fetchSite`: the browser's Sec-Fetch-Site, which says whether another site sent the request. */
export type RequestMeta = { ip: string | null; userAgent: string | null; fetchSite: string | null };

/** The signed-in user and their chosen organization (a preference only: membership is checked). */
export async function currentSession(): Promise<SessionInfo | null> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const preferredOrgId = (await cookies()).get(ORG_COOKIE)?.value;
  return { userId, preferredOrgId, sessionVersion: session.sessionVersion ?? 0 };
}

export async function requestMeta(): Promise<RequestMeta> {
  const h = await headers();
  return { ip: clientIp(h), userAgent: h.get("user-agent"), fetchSite: h.get("sec-fetch-site") };
}

/** Makes `orgId` the organization the app opens on (membership is still checked on each use). */
export async function setPreferredOrg(orgId: string) {
  (await cookies()).set(ORG_COOKIE, orgId, {
    httpOnly: true,
    sameSite: "lax",
    secure: env().NODE_ENV === "production" && env().AUTH_URL?.startsWith("https:"),
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
  });
}

/**
 * The public origin (lib/http/public-origin.ts) for links and the API base URL shown. Unless it is
 * configured: the action's Origin, which Next has checked against the Host, else the Host.
 */
export async function requestOrigin(): Promise<string> {
  const h = await headers();
  const origin = h.get("origin");
  return publicOrigin(
    origin && origin !== "null"
      ? origin
      : `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`,
  );
}
