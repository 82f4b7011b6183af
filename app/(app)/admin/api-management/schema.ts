import { z } from "zod";
import { apiIds } from "@/lib/api-catalogue";
import { expiryFields } from "@/lib/expiry/options";

const apisSchema = z
  .array(z.enum(apiIds, { error: "Choose APIs from the list." }))
  .min(1, "Select at least one API.")
  .max(apiIds.length)
  .transform((apis) => apiIds.filter((id) => apis.includes(id)));

export const createClientSchema = z.object({
  name: z
    .string({ error: "Enter an API client name." })
    .trim()
    .min(1, "Enter an API client name.")
    .max(100, "Use at most 100 characters."),
  apis: apisSchema,
  ...expiryFields("create"),
});

export const clientIdSchema = z.object({ id: z.uuid({ error: "Unknown client." }) });

/** The client's Edit: its APIs and its expiry (left as it is unless chosen). */
export const changeClientApisSchema = clientIdSchema.extend({
  apis: apisSchema,
  ...expiryFields("edit"),
});

export type CreateClientInput = z.input<typeof createClientSchema>;
