"use server";

import { signIn } from "@/auth";
import { getDb } from "@/db/client";
import { lockSetup } from "@/db/queries/locks";
import { insertMembership } from "@/db/queries/memberships";
import { insertOrganization } from "@/db/queries/organizations";
import { countUsers, insertUser } from "@/db/queries/users";
import { failure, refuseCrossSiteCall, type ActionState } from "@/lib/actions/safe-action";
import { recordAudit } from "@/lib/audit/write";
import { requestMeta } from "@/lib/auth/request-context";
import { conflict } from "@/lib/errors";
import { hashPassword } from "@/lib/password";
import { slugify } from "@/lib/slug";
import { formFields, validationFailure } from "@/lib/actions/form-input";
import { setupSchema } from "./schema";

/** First run only: creates the first organization (Enterprise) and its owner, then signs in. */
export async function completeSetup(_prev: ActionState, submitted: unknown): Promise<ActionState> {
  try {
    await refuseCrossSiteCall();
  } catch (error) {
    return failure(error);
  }
  const parsed = setupSchema.safeParse(formFields(submitted));
  if (!parsed.success) return validationFailure(parsed.error);
  const input = parsed.data;
  try {
    const passwordHash = await hashPassword(input.password);
    const meta = await requestMeta();
    await getDb().transaction(async (tx) => {
      // Two browsers finishing setup at once must not both become first owner.
      await lockSetup(tx);
      if ((await countUsers(tx)) > 0) throw conflict("Setup is already complete. Please sign in.");
      const org = await insertOrganization(tx, {
        name: input.organization,
        slug: slugify(input.organization),
        plan: "enterprise",
      });
      const user = await insertUser(tx, { email: input.email, name: input.name, passwordHash });
      await insertMembership(tx, org.id, user.id, "owner");
      await recordAudit(
        tx,
        {
          orgId: org.id,
          actor: { type: "user", id: user.id, email: user.email, name: user.name },
          ...meta,
        },
        {
          event: "member.added",
          target: { type: "member", id: user.id, name: user.email },
          changes: { role: "owner" },
          description: `Created ${org.name} with ${user.email} as owner`,
        },
      );
    });
  } catch (error) {
    return failure(error);
  }
  await signIn("credentials", {
    email: input.email,
    password: input.password,
    redirectTo: "/settings/integrations",
  });
  return null;
}
