import { withinDatabaseDeadline } from "@/db/deadline";
import { isDatabaseUnavailable } from "@/db/unavailable";
import { serviceUnavailable } from "@/lib/api/responses";
import { issuerFor, originDocumentCacheControl } from "@/lib/oauth/config";
import { authorizationServerMetadata } from "@/lib/oauth/metadata";
import { ensureActiveSigningKey, publishedJwks } from "@/lib/oauth/signing-keys";

/** GET /.well-known/oauth-authorization-server (RFC 8414). */
export function metadataDocument(request: Request): Response {
  return Response.json(authorizationServerMetadata(issuerFor(request)), {
    headers: { "Cache-Control": originDocumentCacheControl(3600) },
  });
}

/** GET /.well-known/jwks.json: the keys that verify access tokens; names no origin. */
export async function jwksDocument(): Promise<Response> {
  let jwks;
  try {
    jwks = await withinDatabaseDeadline(async () => {
      await ensureActiveSigningKey();
      return publishedJwks();
    });
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return serviceUnavailable();
  }
  return Response.json(jwks, {
    // Short: a rotation must reach verifiers well before the old key's tokens expire.
    headers: { "Cache-Control": "public, max-age=300" },
  });
}
