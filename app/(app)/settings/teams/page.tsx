import type { Metadata } from "next";
import { listMembers } from "@/db/queries/memberships";
import { listTeamMemberships, listTeams } from "@/db/queries/teams";
import { pageContext } from "@/lib/auth/page-context";
import { isAdmin } from "@/lib/roles";
import { CreateTeamForm } from "./create-team-form";
import { TeamCard } from "./team-card";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  const ctx = await pageContext();
  const [teams, teamMemberships, members] = await Promise.all([
    listTeams(ctx.org.id),
    listTeamMemberships(ctx.org.id),
    listMembers(ctx.org.id),
  ]);
  const canManage = isAdmin(ctx.role);
  return (
    <section aria-labelledby="teams-heading" className="space-y-6">
      <div>
        <h2 id="teams-heading" className="text-lg font-semibold">
          Teams
        </h2>
        <p className="text-muted-foreground text-sm">
          Group members into teams and give each team its own API keys.
          {!canManage && " Only owners and admins can change teams."}
        </p>
      </div>
      {canManage && <CreateTeamForm />}
      {teams.length === 0 ? (
        <p className="text-muted-foreground rounded-lg border border-dashed p-6 text-center text-sm">
          No teams yet.
        </p>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {teams.map((team) => (
            <li key={team.id}>
              <TeamCard
                team={{ id: team.id, name: team.name }}
                members={teamMemberships.filter((m) => m.teamId === team.id)}
                candidates={members.map((m) => ({
                  userId: m.userId,
                  name: m.name,
                  email: m.email,
                }))}
                canManage={canManage}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
