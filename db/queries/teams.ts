import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb, type Executor } from "../client";
import { teamMembers, teams, users } from "../schema";

export async function listTeams(orgId: string, db: Executor = getDb()) {
  return db.select().from(teams).where(eq(teams.orgId, orgId)).orderBy(asc(teams.name));
}

export async function listTeamMemberships(orgId: string, db: Executor = getDb()) {
  return db
    .select({ teamId: teamMembers.teamId, userId: users.id, name: users.name, email: users.email })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(eq(teams.orgId, orgId))
    .orderBy(asc(users.name));
}

export async function findTeam(orgId: string, teamId: string, db: Executor = getDb()) {
  const [team] = await db
    .select()
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.id, teamId)));
  return team;
}

export async function findTeamByName(orgId: string, name: string, db: Executor = getDb()) {
  const [team] = await db
    .select()
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.name, name)));
  return team;
}

export async function insertTeam(db: Executor, orgId: string, name: string) {
  const [team] = await db.insert(teams).values({ orgId, name }).returning();
  return team!;
}

export async function renameTeam(db: Executor, orgId: string, teamId: string, name: string) {
  await db
    .update(teams)
    .set({ name })
    .where(and(eq(teams.orgId, orgId), eq(teams.id, teamId)));
}

export async function deleteTeam(db: Executor, orgId: string, teamId: string) {
  await db.delete(teams).where(and(eq(teams.orgId, orgId), eq(teams.id, teamId)));
}

export async function isTeamMember(teamId: string, userId: string, db: Executor) {
  const [row] = await db
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
  return !!row;
}

export async function insertTeamMember(db: Executor, teamId: string, userId: string) {
  await db.insert(teamMembers).values({ teamId, userId }).onConflictDoNothing();
}

export async function deleteTeamMember(db: Executor, teamId: string, userId: string) {
  await db
    .delete(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
}
