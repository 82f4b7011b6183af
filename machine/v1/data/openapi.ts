import { listOf } from "../shared-schema";
import type { ApiOperation } from "@/machine/openapi/operation";
import {
  ingestDataBodySchema,
  ingestResultSchema,
  listDataQuerySchema,
  MAX_RECORDS_PER_BATCH,
  storedDataRecordSchema,
} from "./schema";

export const dataOperations: ApiOperation[] = [
  {
    method: "post",
    path: "/api/v1/data",
    api: "data",
    operationId: "ingestData",
    summary: "Ingest records",
    description: `Stores up to ${MAX_RECORDS_PER_BATCH} records at once; reports count them.`,
    body: ingestDataBodySchema,
    bodyExample: {
      records: [
        { event: "signup", properties: { plan: "pro" }, occurredAt: "2026-11-23T09:30:00Z" },
      ],
    },
    success: { status: 202, description: "The records were accepted.", schema: ingestResultSchema },
  },
  {
    method: "get",
    path: "/api/v1/data",
    api: "data",
    operationId: "listData",
    summary: "List records",
    description: "The newest records, optionally of one event.",
    query: listDataQuerySchema,
    success: { status: 200, description: "The records.", schema: listOf(storedDataRecordSchema) },
  },
];
