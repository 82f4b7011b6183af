import { insertProposal, listProposals } from "@/db/queries/resources";
import { apiRoute } from "@/lib/api/route";
import { json } from "@/lib/api/responses";
import { createProposalBodySchema, listProposalsQuerySchema } from "./schema";

export const POST = apiRoute(
  { api: "proposals", body: createProposalBodySchema },
  async ({ principal, body }) => {
    const row = await insertProposal(principal, body);
    return json(
      {
        id: row.id,
        title: row.title,
        body: row.body,
        amount: row.amount,
        createdAt: row.createdAt,
        createdBy: principal.user,
      },
      201,
    );
  },
);

export const GET = apiRoute(
  { api: "proposals", query: listProposalsQuerySchema },
  async ({ principal, query }) => json({ data: await listProposals(principal.orgId, query.limit) }),
);
