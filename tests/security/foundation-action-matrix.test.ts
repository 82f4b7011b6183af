import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { switchOrganization } from "@/app/(app)/actions";
import { changeMemberRole, removeMember } from "@/app/(app)/settings/members/actions";
import {
  inviteMember,
  resendInvitation,
  revokeInvitation,
} from "@/app/(app)/settings/members/invitations/actions";
import {
  addTeamMember,
  createTeam,
  deleteTeam,
  removeTeamMember,
  renameTeam,
} from "@/app/(app)/settings/teams/actions";
import type { Invitation, Organization, Team, User } from "@/db/schema";
import { auditEvents, invitations } from "@/db/schema";
import { getDb } from "@/db/client";
import { insertMembership } from "@/db/queries/memberships";
import type { ActionResult } from "@/lib/actions/safe-action";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople, createTeam as makeTeam, createUser } from "../helpers/factories";
import { actAs, onPage, testRequest } from "../helpers/session";

const database = useTestDatabase();

type World = {
  org: Organization;
  admin: User;
  member: User;
  owner: User;
  team: Team;
  teamMate: User;
  invitation: Invitation;
};
let victim: World;
let other: { org: Organization; admin: User };

beforeAll(async () => {
  const people = await createOrgWithPeople();
  const teamMate = await createUser({ org: people.org, role: "member" });
  const team = await makeTeam(people.org, "Victim team", [teamMate]);
  const [invitation] = await database.db
    .insert(invitations)
    .values({
      orgId: people.org.id,
      email: "invitee@example.test",
      role: "member",
      tokenDigest: "0".repeat(64),
      invitedBy: people.admin.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    })
    .returning();
  victim = { ...people, team, teamMate, invitation: invitation! };
  other = await createOrgWithPeople();
  // The victim's admin also administers the other organization, as people with two tabs do.
  await insertMembership(getDb(), other.org.id, victim.admin.id, "admin");
});

// Every action of the foundation, called with ids from the victim organization.
// `ownOrg`: the action creates something new, which for an outsider lands in their own organization.
const cases: { name: string; ownOrg?: true; call: () => Promise<ActionResult<unknown>> }[] = [
  {
    name: "inviteMember",
    ownOrg: true,
    call: () => inviteMember(null, onPage({ email: "x@example.test", role: "admin" })),
  },
  {
    name: "resendInvitation",
    call: () => resendInvitation(null, onPage({ invitationId: victim.invitation.id })),
  },
  {
    name: "revokeInvitation",
    call: () => revokeInvitation(null, onPage({ invitationId: victim.invitation.id })),
  },
  {
    name: "changeMemberRole",
    call: () => changeMemberRole(null, onPage({ userId: victim.member.id, role: "admin" })),
  },
  { name: "removeMember", call: () => removeMember(null, onPage({ userId: victim.member.id })) },
  { name: "createTeam", ownOrg: true, call: () => createTeam(null, onPage({ name: "Intruders" })) },
  {
    name: "renameTeam",
    call: () => renameTeam(null, onPage({ teamId: victim.team.id, name: "Pwned" })),
  },
  { name: "deleteTeam", call: () => deleteTeam(null, onPage({ teamId: victim.team.id })) },
  {
    name: "addTeamMember",
    call: () => addTeamMember(null, onPage({ teamId: victim.team.id, userId: victim.member.id })),
  },
  {
    name: "removeTeamMember",
    call: () =>
      removeTeamMember(null, onPage({ teamId: victim.team.id, userId: victim.teamMate.id })),
  },
];

/** Everything an attack could change in the victim organization, as comparable text. */
async function victimState() {
  const rows = await database.db.execute(sql`
    select
      (select json_agg(m order by m.user_id) from memberships m where m.org_id = ${victim.org.id}) as members,
      (select json_agg(t order by t.id) from teams t where t.org_id = ${victim.org.id}) as teams,
      (select json_agg(i order by i.id) from invitations i where i.org_id = ${victim.org.id}) as invitations,
      (select json_agg(tm order by tm.user_id) from team_members tm
         join teams t on t.id = tm.team_id where t.org_id = ${victim.org.id}) as team_members`);
  const events = await database.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.orgId, victim.org.id));
  return JSON.stringify({
    rows: (rows as unknown as { rows?: unknown[] }).rows ?? rows,
    events: events.length,
  });
}

describe.each(cases)("$name", ({ call, ownOrg }) => {
  it("refuses a signed-out caller", async () => {
    const before = await victimState();
    actAs(null);
    expect(await call()).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await victimState()).toBe(before);
  });

  it("refuses a member of the organization", async () => {
    const before = await victimState();
    actAs(victim.member, victim.org.id);
    expect(await call()).toMatchObject({ ok: false, code: "forbidden" });
    expect(await victimState()).toBe(before);
  });

  it("gives another organization's admin nothing from a page of their own organization", async () => {
    const before = await victimState();
    actAs(other.admin, other.org.id);
    const result = await call();
    expect(await victimState()).toBe(before);
    if (ownOrg) expect(result.ok).toBe(true);
    else expect(result).toMatchObject({ ok: false, code: "not_found" });
  });

  it("refuses another organization's admin whose page and cookie name the victim's org", async () => {
    const before = await victimState();
    actAs(other.admin, victim.org.id);
    const result = await call();
    expect(await victimState()).toBe(before);
    expect(result).toMatchObject({ ok: false, code: "conflict" });
    expect(result.ok || result.message).not.toContain(victim.org.name);
  });

  it("refuses the victim's admin when the page does not name its organization", async () => {
    const before = await victimState();
    actAs(victim.admin, victim.org.id);
    testRequest.pageOrgId = undefined;
    const result = await call();
    expect(await victimState()).toBe(before);
    expect(result).toMatchObject({ ok: false, code: "invalid" });
  });

  it("refuses the victim's admin on a victim page after a switch to the other org in another tab", async () => {
    const before = await victimState();
    actAs(victim.admin, other.org.id);
    testRequest.pageOrgId = victim.org.id;
    const result = await call();
    expect(await victimState()).toBe(before);
    expect(result).toMatchObject({
      ok: false,
      code: "conflict",
      message: `This page belongs to ${victim.org.name}, but you have since switched to ${other.org.name}. Reload the page to continue.`,
    });
  });
});

describe("switchOrganization", () => {
  it("refuses signed-out callers and organizations the user does not belong to", async () => {
    actAs(null);
    expect(await switchOrganization(victim.org.id)).toMatchObject({
      ok: false,
      code: "unauthenticated",
    });
    actAs(other.admin);
    expect(await switchOrganization(victim.org.id)).toMatchObject({ ok: false, code: "not_found" });
    expect(await switchOrganization("not-a-uuid")).toMatchObject({ ok: false, code: "not_found" });
  });
});
