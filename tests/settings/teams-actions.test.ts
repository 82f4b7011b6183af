import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  addTeamMember,
  createTeam,
  deleteTeam,
  removeTeamMember,
  renameTeam,
} from "@/app/(app)/settings/teams/actions";
import { auditEvents, teamMembers, teams } from "@/db/schema";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople, createUser } from "../helpers/factories";
import { actAs, onPage } from "../helpers/session";

const database = useTestDatabase();

const eventsOf = async (orgId: string) =>
  (
    await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.orgId, orgId))
      .orderBy(auditEvents.id)
  ).map((e) => ({
    event: e.event,
    action: e.action,
    teamName: e.teamName,
    changes: e.changes,
  }));

describe("teams", () => {
  it("create, rename, add and remove a member, delete — each with its audit event", async () => {
    const { org, admin, member } = await createOrgWithPeople();
    actAs(admin, org.id);
    expect(await createTeam(null, onPage({ name: "  Data  " }))).toMatchObject({ ok: true });
    const [team] = await database.db.select().from(teams).where(eq(teams.orgId, org.id));
    expect(team?.name).toBe("Data");

    expect(await renameTeam(null, onPage({ teamId: team!.id, name: "Data Eng" }))).toMatchObject({
      ok: true,
    });
    expect(
      await addTeamMember(null, onPage({ teamId: team!.id, userId: member.id })),
    ).toMatchObject({
      ok: true,
    });
    expect(
      await addTeamMember(null, onPage({ teamId: team!.id, userId: member.id })),
    ).toMatchObject({
      ok: false,
      code: "conflict",
    });
    expect(
      await removeTeamMember(null, onPage({ teamId: team!.id, userId: member.id })),
    ).toMatchObject({
      ok: true,
    });
    expect(await deleteTeam(null, onPage({ teamId: team!.id }))).toMatchObject({ ok: true });
    expect(await database.db.select().from(teams).where(eq(teams.orgId, org.id))).toHaveLength(0);

    expect(await eventsOf(org.id)).toEqual([
      { event: "team.created", action: "create", teamName: "Data", changes: {} },
      {
        event: "team.renamed",
        action: "update",
        teamName: "Data Eng",
        changes: { name: { from: "Data", to: "Data Eng" } },
      },
      {
        event: "team.member_added",
        action: "update",
        teamName: "Data Eng",
        changes: { member: { added: member.email } },
      },
      {
        event: "team.member_removed",
        action: "update",
        teamName: "Data Eng",
        changes: { member: { removed: member.email } },
      },
      { event: "team.deleted", action: "delete", teamName: "Data Eng", changes: {} },
    ]);
  });

  it("refuses a duplicate name, an empty name and a person from another organization", async () => {
    const { org, admin } = await createOrgWithPeople();
    const outsider = await createUser();
    actAs(admin, org.id);
    await createTeam(null, onPage({ name: "Ops" }));
    expect(await createTeam(null, onPage({ name: "Ops" }))).toMatchObject({
      ok: false,
      code: "conflict",
    });
    expect(await createTeam(null, onPage({ name: "   " }))).toMatchObject({
      ok: false,
      code: "invalid",
    });
    expect(await createTeam(null, onPage({ name: "x".repeat(65) }))).toMatchObject({
      ok: false,
      code: "invalid",
    });
    const [team] = await database.db.select().from(teams).where(eq(teams.orgId, org.id));
    expect(
      await addTeamMember(null, onPage({ teamId: team!.id, userId: outsider.id })),
    ).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(
      await database.db.select().from(teamMembers).where(eq(teamMembers.teamId, team!.id)),
    ).toHaveLength(0);
  });
});
