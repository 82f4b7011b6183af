import { z } from "zod";

/** `?limit=` of the list endpoints. */
export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const text = (field: string, maxLength: number) =>
  z
    .string({ error: `${field} must be a string.` })
    .trim()
    .min(1, `${field} is required.`)
    .max(maxLength, `${field} must be at most ${maxLength} characters.`);
