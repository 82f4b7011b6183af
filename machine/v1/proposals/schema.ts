import { z } from "zod";
import { actingUserSchema, timestamp } from "../shared-schema";

// The body is the shared proposal input: MCP's create_proposal takes the same fields.
export { createProposalInputSchema as createProposalBodySchema } from "@/lib/proposals/input";
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
