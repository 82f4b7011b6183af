import { z } from "zod";

export const roleSchema = z.enum(["owner", "admin", "member"], { error: "Choose a role." });

export const addMemberSchema = z.object({
  email: z.email({ error: "Enter a valid email address." }).max(254).trim(),
  name: z.string().trim().min(1, "Enter a name.").max(100, "Use at most 100 characters."),
  password: z
    .string()
    .min(12, "Use at least 12 characters.")
    .max(200, "Use at most 200 characters."),
  role: roleSchema,
});

export const changeRoleSchema = z.object({ userId: z.uuid(), role: roleSchema });

export const removeMemberSchema = z.object({ userId: z.uuid() });
