import "server-only";
import { listApiKeys } from "@/db/queries/keys";
import { listTeams } from "@/db/queries/teams";
import type { MemberContext } from "@/lib/auth/authorize";
import { isAdmin } from "@/lib/roles";
import { toKeyView } from "@/lib/keys/view";

/** The keys the viewer may see: all of the organization's for admins, their own for members. */
export async function loadKeys(ctx: MemberContext, status: "active" | "archived", id?: string) {
  const createdBy = isAdmin(ctx.role) ? undefined : ctx.user.id;
  const rows = await listApiKeys(ctx.org.id, { status, createdBy, id });
  return rows.map(toKeyView);
}

export async function loadTeamOptions(orgId: string) {
  return (await listTeams(orgId)).map((t) => ({ id: t.id, name: t.name }));
}
