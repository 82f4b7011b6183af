import "server-only";
import { insertProposal } from "@/db/queries/resources";
import type { Principal } from "@/lib/api/principal";
import type { CreateProposalInput } from "./input";

/** Creates a proposal as the credential — over REST and MCP alike — and returns what both show. */
export async function createProposal(principal: Principal, input: CreateProposalInput) {
  const row = await insertProposal(principal, input);
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    amount: row.amount,
    createdAt: row.createdAt,
    createdBy: principal.user,
  };
}
