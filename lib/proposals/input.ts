import { z } from "zod";
import { text } from "@/lib/validation/text";

/** What a proposal is created from, over REST (the body) and MCP (the tool's arguments) alike. */
export const createProposalInputSchema = z.strictObject({
  title: text("title", 200),
  body: z.string({ error: "body must be a string." }).max(10_000).optional(),
  amount: z
    .number({ error: "amount must be a number." })
    .finite()
    .min(0, "amount must not be negative.")
    .max(999_999_999_999, "amount is too large.")
    .optional(),
});

export type CreateProposalInput = z.infer<typeof createProposalInputSchema>;
