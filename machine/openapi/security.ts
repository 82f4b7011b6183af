import { apiCatalogue } from "@/lib/api-catalogue";

const API_KEY_SCHEME = "apiKey";
const OAUTH_SCHEME = "oauth2";

/** Both ways to call the API: an API key, or an access token bought with OAuth client credentials. */
export const securitySchemes = {
  [API_KEY_SCHEME]: {
    type: "http" as const,
    scheme: "bearer",
    bearerFormat: "lk_…",
    description:
      "An API key from Settings › Integrations, sent as `Authorization: Bearer lk_…`. It carries the APIs chosen for it.",
  },
  [OAUTH_SCHEME]: {
    type: "oauth2" as const,
    description:
      "An access token from the client credentials grant, sent as `Authorization: Bearer …`. Clients are added in ADMIN › API Management; the token's scopes are the client's APIs.",
    flows: {
      clientCredentials: {
        tokenUrl: "/api/oauth/token",
        scopes: Object.fromEntries(apiCatalogue.map((a) => [a.id, a.description])),
      },
    },
  },
};

/** Either scheme; the API (if any) is the scope the operation needs. */
export function securityFor(api: string | null): Record<string, string[]>[] {
  const scopes = api ? [api] : [];
  return [{ [API_KEY_SCHEME]: scopes }, { [OAUTH_SCHEME]: scopes }];
}
