import type { Principal } from "./principal";

/** What GET /api/v1/me and the MCP whoami tool say of a credential. */
export function whoami(principal: Principal) {
  return {
    organization: principal.org,
    credential: { type: principal.kind, id: principal.credentialId, name: principal.name },
    user: principal.user,
    client: principal.kind === "oauth_client" ? { id: principal.credentialId } : null,
    apis: principal.apis,
  };
}
