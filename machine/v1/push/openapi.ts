import { listOf } from "../shared-schema";
import type { ApiOperation } from "@/machine/openapi/operation";
import {
  listPushQuerySchema,
  pushMessageSchema,
  queuedPushSchema,
  queuePushBodySchema,
} from "./schema";

export const pushOperations: ApiOperation[] = [
  {
    method: "post",
    path: "/api/v1/push",
    api: "push",
    operationId: "queuePush",
    summary: "Queue a push message",
    description: "Sends to a segment (segmentId) or to a list of user ids (userIds), not both.",
    body: queuePushBodySchema,
    bodyExample: {
      segmentId: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
      title: "Hello",
      body: "Welcome aboard.",
    },
    success: { status: 202, description: "The message was queued.", schema: queuedPushSchema },
  },
  {
    method: "get",
    path: "/api/v1/push",
    api: "push",
    operationId: "listPush",
    summary: "List push messages",
    query: listPushQuerySchema,
    success: { status: 200, description: "The messages.", schema: listOf(pushMessageSchema) },
  },
];
