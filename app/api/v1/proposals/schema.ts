import { z } from "zod";
import { actingUserSchema, text, timestamp } from "../shared-schema";

export const createProposalBodySchema = z.strictObject({
  title: text("title", 200),
  body: z.string({ error: "body must be a string." }).max(10_000).optional(),
  amount: z
    .number({ error: "amount must be a number." })
    .finite()
    .min(0, "amount must not be negative.")
    .max(999_999_999_999, "amount is too large.")
    .optional(),
});

export type CreateProposalBody = z.infer<typeof createProposalBodySchema>;
export { listQuerySchema as listProposalsQuerySchema } from "../shared-schema";

export const proposalSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    body: z.string().nullable(),
    amount: z.number().nullable(),
    createdAt: timestamp,
    createdBy: actingUserSchema.meta({
      description: "The key's user: proposals are created by you. Null for OAuth clients.",
    }),
  })
  .meta({ id: "Proposal" });
