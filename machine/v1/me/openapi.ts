import type { ApiOperation } from "@/machine/openapi/operation";
import { meSchema } from "./schema";

export const meOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/me",
    api: null,
    operationId: "me",
    summary: "Who the credential is",
    description: "The organization, the key's user or the OAuth client, and the APIs it may call.",
    success: { status: 200, description: "The credential.", schema: meSchema },
  },
];
