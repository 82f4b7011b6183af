import { expect } from "vitest";
import {
  createApiKey,
  regenerateApiKey,
  revokeApiKey,
  updateApiKey,
} from "@/app/(app)/settings/integrations/actions";
import type { CreateKeyInput } from "@/app/(app)/settings/integrations/schema";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { listApiKeys } from "@/db/queries/keys";
import { apiKeys } from "@/db/schema";
import { apiIds } from "@/lib/api-catalogue";
import { toKeyView } from "@/lib/keys/view";
import { actAs, onPage } from "../helpers/session";

export { createApiKey, regenerateApiKey, revokeApiKey, updateApiKey };

/** Creates a key as `user` in `org` through the real action and returns its id and plaintext. */
export async function keyFor(
  user: { id: string },
  org: { id: string },
  input: Partial<CreateKeyInput> = {},
) {
  actAs(user, org.id);
  const result = await createApiKey(
    null,
    onPage({ name: "Test key", apis: [...apiIds], ...input }),
  );
  if (!result.ok) throw new Error(`createApiKey failed: ${result.message}`);
  return result.data;
}

/** The secret a key's screen shows as current: what its Regenerate dialog sends back. */
export async function seenSecretId(keyId: string): Promise<string> {
  const [key] = await getDb()
    .select({ orgId: apiKeys.orgId, status: apiKeys.status })
    .from(apiKeys)
    .where(eq(apiKeys.id, keyId));
  const [row] = key ? await listApiKeys(key.orgId, { status: key.status, id: keyId }) : [];
  const view = row && toKeyView(row);
  if (!view?.secretId) throw new Error(`no current secret for key ${keyId}`);
  return view.secretId;
}

export async function call(
  handler: (request: Request) => Promise<Response>,
  path: string,
  init: RequestInit & { key?: string } = {},
) {
  const headers = new Headers(init.headers);
  if (init.key !== undefined) headers.set("authorization", `Bearer ${init.key}`);
  const response = await handler(new Request(`http://localhost${path}`, { ...init, headers }));
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // non-JSON bodies are asserted as text
  }
  return {
    status: response.status,
    headers: response.headers,
    body: body as Record<string, unknown>,
  };
}

export function expectFailure(result: { ok: boolean; code?: string }, code: string) {
  expect(result.ok).toBe(false);
  expect(result.code).toBe(code);
}
