import { listProposals } from "@/db/queries/resources";
import { apiRoute } from "@/lib/api/route";
import { json } from "@/lib/api/responses";
import { createProposal } from "@/lib/proposals/create";
import { createProposalBodySchema, listProposalsQuerySchema } from "./schema";

export const POST = apiRoute(
  { api: "proposals", body: createProposalBodySchema },
  async ({ principal, body }) => json(await createProposal(principal, body), 201),
);

export const GET = apiRoute(
  { api: "proposals", query: listProposalsQuerySchema },
  async ({ principal, query }) => json({ data: await listProposals(principal.orgId, query.limit) }),
);
