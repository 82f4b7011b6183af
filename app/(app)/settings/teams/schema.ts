import { z } from "zod";

const teamName = z
  .string()
  .trim()
  .min(1, "Enter a team name.")
  .max(64, "Use at most 64 characters.");

export const createTeamSchema = z.object({ name: teamName });
export const renameTeamSchema = z.object({ teamId: z.uuid(), name: teamName });
export const deleteTeamSchema = z.object({ teamId: z.uuid() });
export const teamMemberSchema = z.object({
  teamId: z.uuid(),
  userId: z.uuid({ error: "Choose a member." }),
});
