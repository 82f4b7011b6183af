"use server";

import { revalidatePath } from "next/cache";
import { getDb, type Tx } from "@/db/client";
import { findMember } from "@/db/queries/memberships";
import {
  deleteTeam as deleteTeamRow,
  deleteTeamMember,
  findTeam,
  findTeamByName,
  insertTeam,
  insertTeamMember,
  isTeamMember,
  renameTeam as renameTeamRow,
} from "@/db/queries/teams";
import { ok, orgAction } from "@/lib/actions/safe-action";
import { auditContextOf, type MemberContext } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/write";
import { conflict, notFound } from "@/lib/errors";
import { createTeamSchema, deleteTeamSchema, renameTeamSchema, teamMemberSchema } from "./schema";

const duplicateName = (name: string) => conflict(`A team named "${name}" already exists.`);

/** Runs a change of the organization's teams in one transaction, then refreshes the teams page. */
async function changeTeams(change: (tx: Tx) => Promise<void>) {
  await getDb().transaction(change);
  revalidatePath("/settings/teams");
}

async function teamOf(tx: Tx, ctx: MemberContext, teamId: string) {
  const team = await findTeam(ctx.org.id, teamId, tx);
  if (!team) throw notFound("That team");
  return team;
}

/** What every team event says of its team. */
const aboutTeam = (team: { id: string; name: string }) => ({
  target: { type: "team", id: team.id, name: team.name },
  teamId: team.id,
  teamName: team.name,
});

export const createTeam = orgAction(
  { schema: createTeamSchema, role: "admin" },
  async (input, ctx) => {
    await changeTeams(async (tx) => {
      if (await findTeamByName(ctx.org.id, input.name, tx)) throw duplicateName(input.name);
      const team = await insertTeam(tx, ctx.org.id, input.name);
      await recordAudit(tx, auditContextOf(ctx), {
        event: "team.created",
        ...aboutTeam(team),
        description: `Created team ${team.name}`,
      });
    });
    return ok(`Team "${input.name}" created.`);
  },
);

export const renameTeam = orgAction(
  { schema: renameTeamSchema, role: "admin" },
  async (input, ctx) => {
    await changeTeams(async (tx) => {
      const team = await teamOf(tx, ctx, input.teamId);
      if (team.name === input.name) return;
      const clash = await findTeamByName(ctx.org.id, input.name, tx);
      if (clash) throw duplicateName(input.name);
      await renameTeamRow(tx, ctx.org.id, team.id, input.name);
      await recordAudit(tx, auditContextOf(ctx), {
        event: "team.renamed",
        ...aboutTeam({ id: team.id, name: input.name }),
        changes: { name: { from: team.name, to: input.name } },
        description: `Renamed team from ${team.name} to ${input.name}`,
      });
    });
    return ok("Team renamed.");
  },
);

export const deleteTeam = orgAction(
  { schema: deleteTeamSchema, role: "admin" },
  async (input, ctx) => {
    await changeTeams(async (tx) => {
      const team = await teamOf(tx, ctx, input.teamId);
      await deleteTeamRow(tx, ctx.org.id, team.id);
      await recordAudit(tx, auditContextOf(ctx), {
        event: "team.deleted",
        ...aboutTeam(team),
        description: `Deleted team ${team.name}`,
      });
    });
    return ok("Team deleted.");
  },
);

export const addTeamMember = orgAction(
  { schema: teamMemberSchema, role: "admin" },
  async (input, ctx) => {
    await changeTeams(async (tx) => {
      const team = await teamOf(tx, ctx, input.teamId);
      const member = await findMember(ctx.org.id, input.userId, tx);
      if (!member) throw notFound("That member");
      if (await isTeamMember(team.id, member.userId, tx)) {
        throw conflict(`${member.email} is already in ${team.name}.`);
      }
      await insertTeamMember(tx, team.id, member.userId);
      await recordAudit(tx, auditContextOf(ctx), {
        event: "team.member_added",
        ...aboutTeam(team),
        changes: { member: { added: member.email } },
        description: `Added ${member.email} to ${team.name}`,
      });
    });
    return ok("Member added to the team.");
  },
);

export const removeTeamMember = orgAction(
  { schema: teamMemberSchema, role: "admin" },
  async (input, ctx) => {
    await changeTeams(async (tx) => {
      const team = await teamOf(tx, ctx, input.teamId);
      const member = await findMember(ctx.org.id, input.userId, tx);
      if (!member || !(await isTeamMember(team.id, member.userId, tx))) {
        throw notFound("That team member");
      }
      await deleteTeamMember(tx, team.id, member.userId);
      await recordAudit(tx, auditContextOf(ctx), {
        event: "team.member_removed",
        ...aboutTeam(team),
        changes: { member: { removed: member.email } },
        description: `Removed ${member.email} from ${team.name}`,
      });
    });
    return ok("Member removed from the team.");
  },
);
