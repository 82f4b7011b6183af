import { z } from "zod";
import { ipAllowlistInput, rateLimitInput } from "@/lib/access/schema";
import { apiIds } from "@/lib/api-catalogue";
import { expiryFields } from "@/lib/expiry/options";
import { DEFAULT_KEY_NAME } from "@/lib/keys/lifecycle";
import { overlapIds } from "@/lib/keys/lifecycle";

const keyName = z
  .string()
  .trim()
  .max(64, "Use at most 64 characters.")
  .transform((name) => name || DEFAULT_KEY_NAME);

const teamId = z
  .union([z.uuid({ error: "Choose a team." }), z.literal(""), z.null()])
  .optional()
  .transform((id) => id || null);

const apis = z
  .array(z.enum(apiIds, { error: "Unknown API." }), { error: "Select at least one API." })
  .min(1, "Select at least one API.")
  .transform((list) => [...new Set(list)]);

// Access rules are optional: omitted on create means none, omitted on update means unchanged.
export const createKeySchema = z.object({
  name: keyName,
  teamId,
  apis,
  ipAllowlist: ipAllowlistInput.transform((list) => list ?? []),
  rateLimitPerMinute: rateLimitInput.transform((limit) => limit ?? null),
  ...expiryFields("create"),
});
export const updateKeySchema = z.object({
  keyId: z.uuid(),
  name: keyName,
  teamId,
  apis,
  ipAllowlist: ipAllowlistInput,
  rateLimitPerMinute: rateLimitInput,
  ...expiryFields("edit"),
});
export const regenerateKeySchema = z.object({
  keyId: z.uuid(),
  /** The current secret the caller's screen showed; another one now means someone got there first. */
  secretId: z.uuid({ error: "Reload the page and try again." }),
  overlap: z.enum(overlapIds).default("now"),
});
export const revokeKeySchema = z.object({ keyId: z.uuid() });
export const endOverlapSchema = z.object({ keyId: z.uuid() });

export type CreateKeyInput = z.input<typeof createKeySchema>;
