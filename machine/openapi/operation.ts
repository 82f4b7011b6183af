import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import type { z } from "zod";
import { apiLabel, type ApiId } from "@/lib/api-catalogue";
import { authenticatedErrors, bodyErrors, inputErrors } from "./errors";
import { securityFor } from "./security";

/** One public API operation, described with the zod schemas its handler validates with. */
export type ApiOperation = {
  method: "get" | "post";
  path: `/api/v1/${string}`;
  /** The API (scope) a credential needs; null when any valid credential may call it. */
  api: ApiId | null;
  /** False for the one endpoint that takes no credential. */
  authenticated?: boolean;
  operationId: string;
  summary: string;
  description?: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  bodyExample?: Record<string, unknown>;
  success: { status: 200 | 201 | 202; description: string; schema: z.ZodType };
};

export function registerApiOperation(registry: OpenAPIRegistry, op: ApiOperation) {
  const authenticated = op.authenticated ?? true;
  const needs = !authenticated
    ? "Needs no credential."
    : op.api
      ? `Requires the **${op.api}** API (scope \`${op.api}\`).`
      : "Any valid API key or access token may call it.";
  registry.registerPath({
    method: op.method,
    path: op.path,
    operationId: op.operationId,
    summary: op.summary,
    description: [op.description, needs].filter(Boolean).join("\n\n"),
    tags: [op.api ? apiLabel(op.api) : "General"],
    security: authenticated ? securityFor(op.api) : [],
    "x-required-api": op.api,
    request: {
      ...(op.query ? { query: op.query } : {}),
      ...(op.body
        ? {
            body: {
              required: true,
              content: { "application/json": { schema: op.body, example: op.bodyExample } },
            },
          }
        : {}),
    },
    responses: {
      [op.success.status]: {
        description: op.success.description,
        content: { "application/json": { schema: op.success.schema } },
      },
      ...(op.query ? inputErrors : {}),
      ...(op.body ? bodyErrors : {}),
      ...(authenticated ? authenticatedErrors : {}),
    },
  });
}
