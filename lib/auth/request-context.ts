import "server-only";
import { cookies, headers } from "next/headers";
import { auth } from "@/auth";
import { clientIp } from "@/lib/http/client-ip";

export const ORG_COOKIE = "lk_org";

export type SessionInfo = { userId: string; preferredOrgId?: string };
/** `fetchSite`: the browser's Sec-Fetch-Site, which says whether another site sent the request. */
export type RequestMeta = { ip: string | null; userAgent: string | null; fetchSite: string | null };

/** The signed-in user and their chosen organization (a preference only: membership is checked). */
export async function currentSession(): Promise<SessionInfo | null> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const preferredOrgId = (await cookies()).get(ORG_COOKIE)?.value;
  return { userId, preferredOrgId };
}

export async function requestMeta(): Promise<RequestMeta> {
  const h = await headers();
  return { ip: clientIp(h), userAgent: h.get("user-agent"), fetchSite: h.get("sec-fetch-site") };
}
