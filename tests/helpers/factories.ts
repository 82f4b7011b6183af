import { randomBytes } from "node:crypto";
import { getDb } from "@/db/client";
import { insertMembership } from "@/db/queries/memberships";
import { insertOrganization } from "@/db/queries/organizations";
import { insertTeam, insertTeamMember } from "@/db/queries/teams";
import { insertUser } from "@/db/queries/users";
import type { Plan, Role } from "@/db/schema";
import { hashPassword } from "@/lib/password";

export const TEST_PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | undefined;

const unique = () => randomBytes(4).toString("hex");

export async function createOrg(opts: { name?: string; plan?: Plan } = {}) {
  const id = unique();
  return insertOrganization(getDb(), {
    name: opts.name ?? `Org ${id}`,
    slug: `org-${id}`,
    plan: opts.plan ?? "enterprise",
  });
}

export async function createUser(opts: { org?: { id: string }; role?: Role; email?: string } = {}) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const id = unique();
  const user = await insertUser(getDb(), {
    email: opts.email ?? `user-${id}@example.test`,
    name: `User ${id}`,
    passwordHash: await passwordHash,
  });
  if (opts.org) await insertMembership(getDb(), opts.org.id, user.id, opts.role ?? "member");
  return user;
}

export async function createTeam(
  org: { id: string },
  name = `Team ${unique()}`,
  members: { id: string }[] = [],
) {
  const team = await insertTeam(getDb(), org.id, name);
  for (const m of members) await insertTeamMember(getDb(), team.id, m.id);
  return team;
}

/** An organization with an owner, an admin and a member, as most tests need. */
export async function createOrgWithPeople(opts: { plan?: Plan } = {}) {
  const org = await createOrg(opts);
  const [owner, admin, member] = await Promise.all([
    createUser({ org, role: "owner" }),
    createUser({ org, role: "admin" }),
    createUser({ org, role: "member" }),
  ]);
  return { org, owner, admin, member };
}
