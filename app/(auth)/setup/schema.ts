import { z } from "zod";

export const setupSchema = z.object({
  organization: z
    .string()
    .trim()
    .min(1, "Enter your organization's name.")
    .max(100, "Use at most 100 characters."),
  name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
  email: z.email({ error: "Enter a valid email address." }).max(254).trim(),
  password: z
    .string()
    .min(12, "Use at least 12 characters.")
    .max(200, "Use at most 200 characters."),
});
