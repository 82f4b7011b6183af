import "server-only";
import { and, asc, count, eq, inArray } from "drizzle-orm";
import { getDb, type Executor } from "../client";
import { memberships, organizations, teamMembers, teams, users, type Role } from "../schema";

/**
 * The user's membership in `orgId`, or in their oldest organization when `orgId` is not theirs,
 * with the user's current session version so the caller checks the session in the same query.
 */
export async function findMembershipContext(
  userId: string,
  orgId?: string,
  db: Executor = getDb(),
) {
  const rows = await db
    .select({
      role: memberships.role,
      org: organizations,
      user: { id: users.id, email: users.email, name: users.name },
      sessionVersion: users.sessionVersion,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt));
  return rows.find((r) => r.org.id === orgId) ?? rows[0];
}

export async function listUserOrganizations(userId: string, db: Executor = getDb()) {
  return db
    .select({
      id: organizations.id,
      name: organizations.name,
      slug: organizations.slug,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organizations.name));
}

export async function listMembers(orgId: string, db: Executor = getDb()) {
  return db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(asc(users.name));
}

export async function findMember(orgId: string, userId: string, db: Executor = getDb()) {
  const [row] = await db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  return row;
}

export async function countOwners(orgId: string, db: Executor) {
  const [row] = await db
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "owner")));
  return row?.n ?? 0;
}

export async function insertMembership(db: Executor, orgId: string, userId: string, role: Role) {
  await db.insert(memberships).values({ orgId, userId, role });
}

export async function updateMembershipRole(
  db: Executor,
  orgId: string,
  userId: string,
  role: Role,
) {
  await db
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
}

export async function deleteMembership(db: Executor, orgId: string, userId: string) {
  const orgTeams = db.select({ id: teams.id }).from(teams).where(eq(teams.orgId, orgId));
  await db
    .delete(teamMembers)
    .where(and(eq(teamMembers.userId, userId), inArray(teamMembers.teamId, orgTeams)));
  await db
    .delete(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
}
