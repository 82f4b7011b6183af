import { issuerFor } from "@/lib/oauth/config";
import { openApiDocument } from "./document";

/** GET /api/openapi.json: public, like the docs page that renders it. */
export function GET(request: Request) {
  return Response.json(openApiDocument(issuerFor(request)), {
    headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}
