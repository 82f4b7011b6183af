import { createOAuthClient } from "@/app/(app)/admin/api-management/actions";
import { verifyRequest } from "@/lib/api/verify";
import { tokenEndpoint } from "@/lib/oauth/token-endpoint";
import { actAs, onPage } from "../helpers/session";
import { basic, form } from "../oauth/helpers";

/** Creates an OAuth client through the real action (ADD CLIENT) as `admin`. */
export async function clientFor(
  admin: { id: string },
  org: { id: string },
  input: { expiry?: string; expiresAt?: string; name?: string } = {},
) {
  actAs(admin, org.id);
  const result = await createOAuthClient(
    null,
    onPage({ name: input.name ?? "Expiring client", apis: ["data", "reports"], ...input }),
  );
  if (!result.ok) throw new Error(`createOAuthClient failed: ${result.message}`);
  return result.data;
}

/** The public API's verification of a bearer credential, as every route runs it. */
export async function verifyBearer(token: string) {
  const result = await verifyRequest(
    new Request("http://latchkey.test/api/v1/me", {
      headers: { authorization: `Bearer ${token}` },
    }),
  );
  if (result.ok) return { status: 200, body: {} as Record<string, string> };
  return {
    status: result.response.status,
    body: (await result.response.json()) as Record<string, string>,
  };
}

/** POST /api/oauth/token with the client credentials grant and Basic authentication. */
export async function requestToken(c: { clientId: string; clientSecret: string }) {
  const response = await tokenEndpoint(
    new Request("http://latchkey.test/api/oauth/token", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: basic(c.clientId, c.clientSecret),
      },
      body: form({ grant_type: "client_credentials" }),
    }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
