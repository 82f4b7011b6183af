import { z } from "zod";
import { ipAllowlistInput, rateLimitInput } from "@/lib/access/schema";
import { apiIds } from "@/lib/api-catalogue";
import { expiryFields } from "@/lib/expiry/options";
import { overlapIds } from "@/lib/keys/lifecycle";

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
  // Optional: omitted means no allowlist and no limit.
  ipAllowlist: ipAllowlistInput.transform((list) => list ?? []),
  rateLimitPerMinute: rateLimitInput.transform((limit) => limit ?? null),
  ...expiryFields("create"),
});

export const clientIdSchema = z.object({ id: z.uuid({ error: "Unknown client." }) });

/** The same windows as a key's regenerate; "now" (the default) ends the old secret at once. */
export const rotateClientSecretSchema = clientIdSchema.extend({
  overlap: z.enum(overlapIds).default("now"),
});

/** Edit client: each field left out stays as it is (the expiry unless chosen). */
export const updateClientSchema = clientIdSchema.extend({
  apis: apisSchema.optional(),
  ipAllowlist: ipAllowlistInput,
  rateLimitPerMinute: rateLimitInput,
  ...expiryFields("edit"),
});

export type CreateClientInput = z.input<typeof createClientSchema>;
