import { z } from "zod";

export const roleSchema = z.enum(["owner", "admin", "member"], { error: "Choose a role." });

export const changeRoleSchema = z.object({ userId: z.uuid(), role: roleSchema });

export const removeMemberSchema = z.object({ userId: z.uuid() });
