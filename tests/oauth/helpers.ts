import * as client from "openid-client";
import { getDb } from "@/db/client";
import { insertOAuthClient } from "@/db/queries/oauth-clients";
import { apiIds } from "@/lib/api-catalogue";
import { generateClientSecret, digestSecret } from "@/lib/secrets/prefixed";
import { machine } from "../helpers/machine";

// The signing key envelope is derived from AUTH_SECRET, which the server always has.
process.env.AUTH_SECRET ??= "test-only-auth-secret-0123456789abcdef";

export const ISSUER = "http://latchkey.test";

/** Sends a request to the machine door in-process, as the server would. */
export const dispatch = machine;

/** A fetch for openid-client that never leaves the process. */
export const inProcessFetch: client.CustomFetch = (url, options) =>
  dispatch(
    new Request(url, {
      method: options.method,
      headers: options.headers,
      body: options.body as BodyInit | undefined,
    }),
  );

export async function createClient(
  org: { id: string },
  creator: { id: string },
  opts: { name?: string; apis?: string[] } = {},
) {
  const secret = generateClientSecret();
  const row = await insertOAuthClient(getDb(), {
    orgId: org.id,
    name: opts.name ?? "Test client",
    apis: opts.apis ?? [...apiIds],
    secretHash: digestSecret(secret),
    createdBy: creator.id,
  });
  return { ...row, secret };
}

export function form(values: Record<string, string>) {
  return new URLSearchParams(values).toString();
}

export function basic(id: string, secret: string) {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;
}

/** A raw POST to an OAuth endpoint. */
export function post(
  path: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return dispatch(
    new Request(`${ISSUER}${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body,
    }),
  );
}

export async function tokenFor(c: { clientId: string; secret: string }, scope?: string) {
  const response = await post(
    "/api/oauth/token",
    form({ grant_type: "client_credentials", ...(scope ? { scope } : {}) }),
    { authorization: basic(c.clientId, c.secret) },
  );
  if (response.status !== 200)
    throw new Error(`token: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export async function openidConfig(
  c: { clientId: string; secret: string },
  method: "basic" | "post",
) {
  const auth =
    method === "basic" ? client.ClientSecretBasic(c.secret) : client.ClientSecretPost(c.secret);
  return client.discovery(new URL(ISSUER), c.clientId, undefined, auth, {
    algorithm: "oauth2",
    execute: [client.allowInsecureRequests],
    [client.customFetch]: inProcessFetch,
  });
}
