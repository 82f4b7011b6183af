import type { ApiId } from "@/lib/api-catalogue";

type Org = { id: string; name: string; slug: string };

/** Who a public API request (REST or MCP) acts as, whatever credential it presented. */
export type Principal = ApiKeyPrincipal | OAuthClientPrincipal;

type Common = {
  orgId: string;
  apis: ApiId[];
  /** The API key's or OAuth client's id. */
  credentialId: string;
  /** The key's or client's name. */
  name: string;
  org: Org;
};

/** An API key acts as the member who created it. */
export type ApiKeyPrincipal = Common & {
  kind: "api_key";
  userId: string;
  actor: { type: "api_key"; id: string; email: string; name: string };
  user: { id: string; email: string; name: string };
};

/** An OAuth client (through its access token) acts as itself, for no user. */
export type OAuthClientPrincipal = Common & {
  kind: "oauth_client";
  userId: null;
  actor: { type: "oauth_client"; id: string; name: string };
  user: null;
};
