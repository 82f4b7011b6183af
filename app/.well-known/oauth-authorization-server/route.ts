import { issuerFor } from "@/lib/oauth/config";
import { authorizationServerMetadata } from "@/lib/oauth/metadata";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return Response.json(authorizationServerMetadata(issuerFor(request)), {
    headers: { "Cache-Control": "public, max-age=3600" },
  });
}
