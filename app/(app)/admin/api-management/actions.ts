"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import {
  findOAuthClientForUpdate,
  insertOAuthClient,
  setOAuthClientApis,
  setOAuthClientSecret,
} from "@/db/queries/oauth-clients";
import { ok, orgAction } from "@/lib/actions/safe-action";
import { auditContextOf } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/write";
import { conflict, notFound } from "@/lib/errors";
import { generateClientSecret, hashClientSecret } from "@/lib/oauth/client-secret";
import { revokeClient } from "@/lib/oauth/revoke-client";
import { changeClientApisSchema, clientIdSchema, createClientSchema } from "./schema";

const PATH = "/admin/api-management";

/** What the success screen shows once; the secret is never readable again. */
export type RevealedCredentials = {
  id: string;
  clientName: string;
  clientId: string;
  clientSecret: string;
};

export const createOAuthClient = orgAction(
  { schema: createClientSchema, role: "admin" },
  async (input, ctx) => {
    const clientSecret = generateClientSecret();
    const created = await getDb().transaction(async (tx) => {
      const row = await insertOAuthClient(tx, {
        orgId: ctx.org.id,
        name: input.name,
        apis: input.apis,
        secretHash: hashClientSecret(clientSecret),
        createdBy: ctx.user.id,
      });
      await recordAudit(tx, auditContextOf(ctx), {
        event: "oauth_client.created",
        target: { type: "oauth_client", id: row.id, name: row.name },
        changes: { clientId: row.clientId, apis: input.apis },
        description: `Created OAuth client ${row.name}`,
      });
      return row;
    });
    revalidatePath(PATH);
    return ok<RevealedCredentials>("Client credentials generated successfully.", {
      id: created.id,
      clientName: created.name,
      clientId: created.clientId,
      clientSecret,
    });
  },
);

export const rotateOAuthClientSecret = orgAction(
  { schema: clientIdSchema, role: "admin" },
  async (input, ctx) => {
    const clientSecret = generateClientSecret();
    const client = await getDb().transaction(async (tx) => {
      const row = await findOAuthClientForUpdate(tx, ctx.org.id, input.id);
      if (!row) throw notFound("That client");
      if (row.revokedAt) throw conflict("A revoked client cannot get a new secret.");
      await setOAuthClientSecret(tx, ctx.org.id, row.id, hashClientSecret(clientSecret));
      await recordAudit(tx, auditContextOf(ctx), {
        event: "oauth_client.secret_rotated",
        target: { type: "oauth_client", id: row.id, name: row.name },
        changes: { secret: "rotated" },
        description: `Rotated the secret of OAuth client ${row.name}`,
      });
      return row;
    });
    revalidatePath(PATH);
    return ok<RevealedCredentials>(
      "A new client secret was generated; the old one no longer works.",
      {
        id: client.id,
        clientName: client.name,
        clientId: client.clientId,
        clientSecret,
      },
    );
  },
);

export const changeOAuthClientApis = orgAction(
  { schema: changeClientApisSchema, role: "admin" },
  async (input, ctx) => {
    await getDb().transaction(async (tx) => {
      const row = await findOAuthClientForUpdate(tx, ctx.org.id, input.id);
      if (!row) throw notFound("That client");
      if (row.revokedAt) throw conflict("A revoked client cannot be changed.");
      const same =
        row.apis.length === input.apis.length &&
        row.apis.every((a) => input.apis.includes(a as never));
      if (same) return;
      await setOAuthClientApis(tx, ctx.org.id, row.id, input.apis);
      await recordAudit(tx, auditContextOf(ctx), {
        event: "oauth_client.apis_changed",
        target: { type: "oauth_client", id: row.id, name: row.name },
        changes: { apis: { from: row.apis, to: input.apis } },
        description: `Changed the APIs of OAuth client ${row.name}`,
      });
    });
    revalidatePath(PATH);
    return ok("Client APIs updated.");
  },
);

export const revokeOAuthClient = orgAction(
  { schema: clientIdSchema, role: "admin" },
  async (input, ctx) => {
    const name = await getDb().transaction(async (tx) => {
      const row = await findOAuthClientForUpdate(tx, ctx.org.id, input.id);
      if (!row) throw notFound("That client");
      if (row.revokedAt) return row.name;
      await revokeClient(tx, { ...row, orgId: ctx.org.id }, auditContextOf(ctx));
      return row.name;
    });
    revalidatePath(PATH);
    return ok(`Client "${name}" revoked.`);
  },
);
