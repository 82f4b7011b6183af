import { insertDataRecords, listDataRecords } from "@/db/queries/resources";
import { apiRoute } from "@/lib/api/route";
import { json } from "@/lib/api/responses";
import { ingestDataBodySchema, listDataQuerySchema } from "./schema";

export const POST = apiRoute(
  { api: "data", body: ingestDataBodySchema },
  async ({ principal, body }) => {
    const rows = await insertDataRecords(
      principal,
      body.records.map((r) => ({
        event: r.event,
        properties: r.properties,
        occurredAt: r.occurredAt ? new Date(r.occurredAt) : undefined,
      })),
    );
    return json({ accepted: rows.length }, 202);
  },
);

export const GET = apiRoute(
  { api: "data", query: listDataQuerySchema },
  async ({ principal, query }) => json({ data: await listDataRecords(principal.orgId, query) }),
);
