import { listOf } from "../shared-schema";
import type { ApiOperation } from "@/machine/openapi/operation";
import { createProposalBodySchema, listProposalsQuerySchema, proposalSchema } from "./schema";

export const proposalOperations: ApiOperation[] = [
  {
    method: "post",
    path: "/api/v1/proposals",
    api: "proposals",
    operationId: "createProposal",
    summary: "Create a proposal",
    description: "Creates a proposal attributed to the key's user.",
    body: createProposalBodySchema,
    bodyExample: { title: "Offsite in Porto", body: "Three days, twelve people.", amount: 4200 },
    success: { status: 201, description: "The proposal was created.", schema: proposalSchema },
  },
  {
    method: "get",
    path: "/api/v1/proposals",
    api: "proposals",
    operationId: "listProposals",
    summary: "List proposals",
    description: "The organization's proposals, newest first.",
    query: listProposalsQuerySchema,
    success: { status: 200, description: "The proposals.", schema: listOf(proposalSchema) },
  },
];
