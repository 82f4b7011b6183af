"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { signOut } from "@/auth";
import { findMembershipContext } from "@/db/queries/memberships";
import { failure, ok, refuseCrossSiteCall, type ActionResult } from "@/lib/actions/safe-action";
import {
  currentSession,
  ORG_COOKIE,
  requestMeta,
  setPreferredOrg,
} from "@/lib/auth/request-context";
import { notFound, unauthenticated } from "@/lib/errors";

export async function switchOrganization(orgId: string): Promise<ActionResult> {
  try {
    await refuseCrossSiteCall();
    const session = await currentSession();
    if (!session) throw unauthenticated();
    const id = z.uuid().safeParse(orgId);
    const membership = id.success
      ? await findMembershipContext(session.userId, id.data)
      : undefined;
    if (membership && membership.sessionVersion !== session.sessionVersion) throw unauthenticated();
    if (!id.success || membership?.org.id !== id.data) throw notFound("That organization");
    await setPreferredOrg(id.data);
    return ok(`Switched to ${membership.org.name}.`);
  } catch (error) {
    return failure(error);
  }
}

export async function signOutAction() {
  // Another website cannot sign people out: the request is answered and nothing happens.
  if ((await requestMeta()).fetchSite === "cross-site") return;
  (await cookies()).delete(ORG_COOKIE);
  await signOut({ redirectTo: "/login" });
}
