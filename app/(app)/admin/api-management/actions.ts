"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import {
  endOAuthClientOverlap,
  insertOAuthClient,
  setOAuthClientSecret,
  updateOAuthClientRow,
} from "@/db/queries/oauth-clients";
import { recordAccessRuleChanges } from "@/lib/access/audit";
import { ok, orgAction } from "@/lib/actions/safe-action";
import { auditContextOf } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/write";
import { conflict } from "@/lib/errors";
import { overlapOptions, overlapSeconds } from "@/lib/keys/lifecycle";
import { expiryForAudit, resolveExpiry, sameExpiry } from "@/lib/expiry/resolve";
import { generateClientSecret, digestSecret } from "@/lib/secrets/prefixed";
import { lockClientForChange } from "@/lib/oauth/client-access";
import { revokeClient } from "@/lib/oauth/revoke-client";
import {
  clientIdSchema,
  createClientSchema,
  rotateClientSecretSchema,
  updateClientSchema,
} from "./schema";

const PATH = "/admin/api-management";

/** Until the sweep ends it, an expired client is still listed; it can be revoked, not revived. */
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
    const expiresAt = resolveExpiry(input) ?? null;
    const clientSecret = generateClientSecret();
    const created = await getDb().transaction(async (tx) => {
      const row = await insertOAuthClient(tx, {
        orgId: ctx.org.id,
        name: input.name,
        apis: input.apis,
        secretHash: digestSecret(clientSecret),
        createdBy: ctx.user.id,
        ipAllowlist: input.ipAllowlist,
        rateLimitPerMinute: input.rateLimitPerMinute,
        expiresAt,
      });
      await recordAudit(tx, auditContextOf(ctx), {
        event: "oauth_client.created",
        target: { type: "oauth_client", id: row.id, name: row.name },
        changes: {
          clientId: row.clientId,
          apis: input.apis,
          expiresAt: expiryForAudit(expiresAt),
          ipAllowlist: input.ipAllowlist,
          rateLimitPerMinute: input.rateLimitPerMinute,
        },
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
  { schema: rotateClientSecretSchema, role: "admin" },
  async (input, ctx) => {
    const clientSecret = generateClientSecret();
    const seconds = overlapSeconds(input.overlap);
    const client = await getDb().transaction(async (tx) => {
      // The row lock serialises concurrent rotations: each keeps at most the secret before it.
      const row = await lockClientForChange(tx, ctx, input.id, {
        revoked: "A revoked client cannot get a new secret.",
        unexpired: true,
      });
      await setOAuthClientSecret(
        tx,
        ctx.org.id,
        row.id,
        digestSecret(clientSecret),
        seconds ? new Date(Date.now() + seconds * 1000) : null,
      );
      await recordAudit(tx, auditContextOf(ctx), {
        event: "oauth_client.secret_rotated",
        target: { type: "oauth_client", id: row.id, name: row.name },
        changes: { secret: "rotated", overlap: input.overlap },
        description: `Rotated the secret of OAuth client ${row.name}`,
      });
      return row;
    });
    revalidatePath(PATH);
    const window = overlapOptions.find((o) => o.id === input.overlap)!;
    return ok<RevealedCredentials>(
      seconds
        ? `A new client secret was generated; the old one keeps working for ${window.label}.`
        : "A new client secret was generated; the old one no longer works.",
      {
        id: client.id,
        clientName: client.name,
        clientId: client.clientId,
        clientSecret,
      },
    );
  },
);

export const endOAuthClientSecretOverlap = orgAction(
  { schema: clientIdSchema, role: "admin" },
  async (input, ctx) => {
    await getDb().transaction(async (tx) => {
      const row = await lockClientForChange(tx, ctx, input.id, {
        revoked: "A revoked client has no secret left to end.",
      });
      const ended = await endOAuthClientOverlap(tx, ctx.org.id, row.id);
      if (!ended) throw conflict("This client has no previous secret still working.");
      await recordAudit(tx, auditContextOf(ctx), {
        event: "oauth_client.overlap_ended",
        target: { type: "oauth_client", id: row.id, name: row.name },
        changes: { overlap: "ended" },
        description: `Ended the overlap of OAuth client ${row.name}: the previous secret and its tokens stopped working`,
      });
    });
    revalidatePath(PATH);
    return ok("The previous secret stopped working.");
  },
);

export const updateOAuthClient = orgAction(
  { schema: updateClientSchema, role: "admin" },
  async (input, ctx) => {
    const requested = resolveExpiry(input);
    await getDb().transaction(async (tx) => {
      const row = await lockClientForChange(tx, ctx, input.id, {
        revoked: "A revoked client cannot be changed.",
        unexpired: true,
      });
      await updateOAuthClientRow(tx, ctx.org.id, row.id, {
        apis: input.apis,
        ipAllowlist: input.ipAllowlist,
        rateLimitPerMinute: input.rateLimitPerMinute,
        ...(requested !== undefined ? { expiresAt: requested } : {}),
      });
      const audit = auditContextOf(ctx);
      const target = { type: "oauth_client", id: row.id, name: row.name };
      const apisChanged =
        input.apis !== undefined &&
        (row.apis.length !== input.apis.length ||
          !row.apis.every((a) => input.apis!.includes(a as never)));
      if (apisChanged) {
        await recordAudit(tx, audit, {
          event: "oauth_client.apis_changed",
          target,
          changes: { apis: { from: row.apis, to: input.apis } },
          description: `Changed the APIs of OAuth client ${row.name}`,
        });
      }
      await recordAccessRuleChanges(tx, audit, {
        kind: "oauth_client",
        target,
        before: row,
        after: input,
      });
      if (requested !== undefined && !sameExpiry(row.expiresAt, requested)) {
        await recordAudit(tx, audit, {
          event: "oauth_client.expiry_changed",
          target,
          changes: {
            expiresAt: { from: expiryForAudit(row.expiresAt), to: expiryForAudit(requested) },
          },
          description: requested
            ? `Set OAuth client ${row.name} to expire on ${requested.toISOString()}`
            : `Set OAuth client ${row.name} to never expire`,
        });
      }
    });
    revalidatePath(PATH);
    return ok("Client updated.");
  },
);

export const revokeOAuthClient = orgAction(
  { schema: clientIdSchema, role: "admin" },
  async (input, ctx) => {
    const name = await getDb().transaction(async (tx) => {
      const row = await lockClientForChange(tx, ctx, input.id);
      if (row.revokedAt) return row.name;
      await revokeClient(tx, { ...row, orgId: ctx.org.id }, auditContextOf(ctx));
      return row.name;
    });
    revalidatePath(PATH);
    return ok(`Client "${name}" revoked.`);
  },
);
