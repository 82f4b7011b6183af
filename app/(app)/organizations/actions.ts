"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { insertMembership } from "@/db/queries/memberships";
import { insertOrganizationWithFreeSlug } from "@/db/queries/organizations";
import { findUserById } from "@/db/queries/users";
import {
  failure,
  isNextControlFlow,
  ok,
  refuseCrossSiteCall,
  type ActionResult,
} from "@/lib/actions/safe-action";
import { currentSession, requestMeta, setPreferredOrg } from "@/lib/auth/request-context";
import { userAuditContext } from "@/lib/audit/user-actor";
import { recordAudit } from "@/lib/audit/write";
import { conflict, invalid, unauthenticated } from "@/lib/errors";
import { slugify } from "@/lib/slug";
import { createOrganizationSchema } from "./schema";

/**
 * Any signed-in person may start an organization (free plan): they become its owner and are
 * switched to it. Operators change plans with `npm run org:plan`.
 */
export async function createOrganization(
  _prev: unknown,
  input: FormData | Record<string, unknown>,
): Promise<ActionResult<{ id: string; name: string }>> {
  try {
    await refuseCrossSiteCall();
    const session = await currentSession();
    if (!session) throw unauthenticated();
    const user = await findUserById(session.userId);
    if (!user) throw unauthenticated();
    const parsed = createOrganizationSchema.safeParse(
      input instanceof FormData ? Object.fromEntries(input) : input,
    );
    if (!parsed.success) {
      throw invalid(
        "Please correct the highlighted fields.",
        z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
      );
    }
    const { name } = parsed.data;
    const meta = await requestMeta();
    const org = await getDb().transaction(async (tx) => {
      // A concurrent creation may take the free slug between the look-up and the insert.
      for (let attempt = 0; attempt < 5; attempt++) {
        const org = await insertOrganizationWithFreeSlug(tx, { name, plan: "free" }, slugify(name));
        if (!org) continue;
        await insertMembership(tx, org.id, user.id, "owner");
        await recordAudit(tx, userAuditContext(org.id, user, meta), {
          event: "organization.created",
          target: { type: "organization", id: org.id, name: org.name },
          changes: { slug: org.slug, plan: org.plan, owner: user.email },
          description: `Created ${org.name} with ${user.email} as owner`,
        });
        return org;
      }
      throw conflict("Another organization was just created with that name. Please try again.");
    });
    await setPreferredOrg(org.id);
    revalidatePath("/", "layout");
    return ok(`Created ${org.name}. You're its owner.`, { id: org.id, name: org.name });
  } catch (error) {
    if (isNextControlFlow(error)) throw error;
    return failure(error);
  }
}
