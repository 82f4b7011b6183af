// Demo data: an Enterprise org "Acme" (owner, admin, member, two teams) and a free-plan "Globex".
import { randomBytes } from "node:crypto";
import { createDb } from "@/db/client";
import { findUserByEmail, insertUser } from "@/db/queries/users";
import { findOrganizationBySlug, insertOrganization } from "@/db/queries/organizations";
import { insertMembership } from "@/db/queries/memberships";
import { insertTeam, insertTeamMember } from "@/db/queries/teams";
import { recordAudit } from "@/lib/audit/write";
import { hashPassword } from "@/lib/password";
import type { Plan, Role } from "@/db/schema";

const handle = createDb();
await handle.migrate();
const db = handle.db;

// A seeding option, not the server's configuration (lib/env).
const password = process.env.SEED_PASSWORD ?? `demo-${randomBytes(6).toString("base64url")}`;
const passwordHash = await hashPassword(password);

const people = [
  { email: "owner@acme.test", name: "Olivia Owner", org: "acme", role: "owner" },
  { email: "admin@acme.test", name: "Adam Admin", org: "acme", role: "admin" },
  { email: "member@acme.test", name: "Mia Member", org: "acme", role: "member" },
  { email: "owner@globex.test", name: "Gus Globex", org: "globex", role: "owner" },
  // belongs to both organizations, so the organization switcher has something to switch
  { email: "owner@acme.test", name: "Olivia Owner", org: "globex", role: "admin" },
] as const satisfies readonly { email: string; name: string; org: string; role: Role }[];

const orgs: { slug: string; name: string; plan: Plan; teams: string[] }[] = [
  { slug: "acme", name: "Acme", plan: "enterprise", teams: ["Data Engineering", "Marketing"] },
  { slug: "globex", name: "Globex", plan: "free", teams: [] },
];

if (await findOrganizationBySlug("acme", db)) {
  console.log("Demo data already present; nothing to do.");
  await handle.close();
  process.exit(0);
}

await db.transaction(async (tx) => {
  for (const o of orgs) {
    const org = await insertOrganization(tx, { name: o.name, slug: o.slug, plan: o.plan });
    const system = { orgId: org.id, actor: { type: "system" as const, id: null, name: "db:seed" } };
    const users = [];
    for (const p of people.filter((p) => p.org === o.slug)) {
      const user =
        (await findUserByEmail(p.email, tx)) ??
        (await insertUser(tx, { email: p.email, name: p.name, passwordHash }));
      await insertMembership(tx, org.id, user.id, p.role);
      await recordAudit(tx, system, {
        event: "member.added",
        target: { type: "member", id: user.id, name: user.email },
        changes: { role: p.role },
        description: `Added ${user.email} as ${p.role}`,
      });
      users.push(user);
    }
    for (const [i, name] of o.teams.entries()) {
      const team = await insertTeam(tx, org.id, name);
      await recordAudit(tx, system, {
        event: "team.created",
        target: { type: "team", id: team.id, name },
        teamId: team.id,
        teamName: name,
        description: `Created team ${name}`,
      });
      const member = users[i + 1];
      if (member) await insertTeamMember(tx, team.id, member.id);
    }
  }
});

console.log("Demo data created. Sign in with any of these (password for all):");
for (const p of people) console.log(`  ${p.email.padEnd(20)} ${p.role.padEnd(7)} ${p.org}`);
console.log(`  password: ${password}`);
await handle.close();
