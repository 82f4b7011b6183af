import { z } from "zod";

/** `?limit=` of the list endpoints. */
export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export { text } from "@/lib/validation/text";

export const timestamp = z.iso
  .datetime({ offset: true })
  .meta({ example: "2026-11-23T09:30:00.000Z" });

/** The user a key acts as; null for OAuth clients. */
export const actingUserSchema = z
  .object({ id: z.uuid(), email: z.email(), name: z.string() })
  .nullable()
  .meta({ id: "ActingUser" });

export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });
