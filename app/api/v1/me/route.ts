import { apiRoute } from "@/lib/api/route";
import { json } from "@/lib/api/responses";

export const GET = apiRoute({ api: null }, async ({ principal }) =>
  json({
    organization: principal.org,
    credential: { type: principal.kind, id: principal.credentialId, name: principal.name },
    user: principal.user,
    client: principal.kind === "oauth_client" ? { id: principal.credentialId } : null,
    apis: principal.apis,
  }),
);
