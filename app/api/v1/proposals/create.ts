import "server-only";
import { insertProposal } from "@/db/queries/resources";
import type { Principal } from "@/lib/api/principal";
import type { CreateProposalBody } from "./schema";

/** Creates a proposal as the credential — over REST and MCP alike — and returns what both show. */
export async function createProposal(principal: Principal, body: CreateProposalBody) {
  const row = await insertProposal(principal, body);
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    amount: row.amount,
    createdAt: row.createdAt,
    createdBy: principal.user,
  };
}
