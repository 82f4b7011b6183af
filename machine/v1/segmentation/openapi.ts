import { listOf } from "../shared-schema";
import type { ApiOperation } from "@/machine/openapi/operation";
import { createSegmentBodySchema, listSegmentsQuerySchema, segmentSchema } from "./schema";

export const segmentationOperations: ApiOperation[] = [
  {
    method: "post",
    path: "/api/v1/segmentation",
    api: "segmentation",
    operationId: "createSegment",
    summary: "Create a segment",
    body: createSegmentBodySchema,
    bodyExample: {
      name: "Pro users",
      rules: [{ property: "plan", operator: "eq", value: "pro" }],
    },
    success: { status: 201, description: "The segment was created.", schema: segmentSchema },
  },
  {
    method: "get",
    path: "/api/v1/segmentation",
    api: "segmentation",
    operationId: "listSegments",
    summary: "List segments",
    query: listSegmentsQuerySchema,
    success: { status: 200, description: "The segments.", schema: listOf(segmentSchema) },
  },
];
