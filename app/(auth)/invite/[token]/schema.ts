import { z } from "zod";

const token = z.string().max(100);

export const acceptSchema = z.object({ token });

export const createAccountSchema = z.object({
  token,
  name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
  password: z
    .string()
    .min(12, "Use at least 12 characters.")
    .max(200, "Use at most 200 characters."),
});
