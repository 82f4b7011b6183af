import type { ApiOperation } from "@/machine/openapi/operation";
import { pingSchema } from "./schema";

export const pingOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/ping",
    api: null,
    authenticated: false,
    operationId: "ping",
    summary: "Check the API is up",
    success: { status: 200, description: "The API is up.", schema: pingSchema },
  },
];
