import type { ApiOperation } from "@/machine/openapi/operation";
import { reportQuerySchema, reportSchema } from "./schema";

export const reportOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/reports",
    api: "reports",
    operationId: "getReport",
    summary: "Fetch a report",
    description:
      "Counts of ingested records per event over [from, to); by default the last 30 days.",
    query: reportQuerySchema,
    success: { status: 200, description: "The report.", schema: reportSchema },
  },
];
