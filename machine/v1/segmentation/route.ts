import { insertSegment, listSegments } from "@/db/queries/resources";
import { apiRoute } from "@/lib/api/route";
import { json } from "@/lib/api/responses";
import { createSegmentBodySchema, listSegmentsQuerySchema } from "./schema";

export const POST = apiRoute(
  { api: "segmentation", body: createSegmentBodySchema },
  async ({ principal, body }) => {
    const row = await insertSegment(principal, body);
    return json({ id: row.id, name: row.name, rules: row.rules, createdAt: row.createdAt }, 201);
  },
);

export const GET = apiRoute(
  { api: "segmentation", query: listSegmentsQuerySchema },
  async ({ principal, query }) => json({ data: await listSegments(principal.orgId, query.limit) }),
);
