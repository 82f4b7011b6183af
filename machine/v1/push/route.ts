import { findSegment, insertPushMessage, listPushMessages } from "@/db/queries/resources";
import { apiRoute } from "@/lib/api/route";
import { invalidRequest, json } from "@/lib/api/responses";
import { listPushQuerySchema, queuePushBodySchema } from "./schema";

export const POST = apiRoute(
  { api: "push", body: queuePushBodySchema },
  async ({ principal, body }) => {
    if (body.segmentId && !(await findSegment(principal.orgId, body.segmentId))) {
      return invalidRequest("No segment has that id.", { segmentId: ["No segment has that id."] });
    }
    const row = await insertPushMessage(principal, body);
    return json(
      { id: row.id, status: row.status, title: row.title, createdAt: row.createdAt },
      202,
    );
  },
);

export const GET = apiRoute(
  { api: "push", query: listPushQuerySchema },
  async ({ principal, query }) =>
    json({ data: await listPushMessages(principal.orgId, query.limit) }),
);
