import { issuerFor, originDocumentCacheControl } from "@/lib/oauth/config";
import { openApiDocument } from "./document";

/** GET /api/openapi.json: public, like the docs page that renders it. */
export function openApiJson(request: Request): Response {
  return Response.json(openApiDocument(issuerFor(request)), {
    headers: {
      "Cache-Control": originDocumentCacheControl(300),
      "Access-Control-Allow-Origin": "*",
    },
  });
}
