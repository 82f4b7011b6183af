import { z } from "zod";
import { roleSchema } from "../schema";

export const inviteMemberSchema = z.object({
  email: z
    .string({ error: "Enter an email address." })
    .trim()
    .pipe(
      z.email({ error: "Enter a valid email address." }).max(254, "Use at most 254 characters."),
    ),
  role: roleSchema,
});

export const invitationIdSchema = z.object({ invitationId: z.uuid() });
