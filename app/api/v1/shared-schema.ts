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

export const timestamp = z.iso
  .datetime({ offset: true })
  .meta({ example: "2026-11-23T09:30:00.000Z" });

/** The user a key acts as; null for OAuth clients. */
export const actingUserSchema = z
  .object({ id: z.uuid(), email: z.email(), name: z.string() })
  .nullable()
  .meta({ id: "ActingUser" });

export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });
