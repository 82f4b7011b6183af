"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import {
  endOverlappingSecrets,
  insertApiKey,
  updateApiKey as updateApiKeyRow,
} from "@/db/queries/keys";
import { findTeam } from "@/db/queries/teams";
import { recordAccessRuleChanges } from "@/lib/access/audit";
import { ok, orgAction } from "@/lib/actions/safe-action";
import { auditContextOf, type MemberContext } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/write";
import type { Executor } from "@/db/client";
import { conflict, notFound } from "@/lib/errors";
import { lockKeyForChange, requireEnterprise } from "@/lib/keys/access";
import { replaceKeySecret } from "@/lib/keys/regenerate";
import { archiveKey } from "@/lib/keys/revoke";
import { expiryForAudit, resolveExpiry, sameExpiry } from "@/lib/expiry/resolve";
import { newSecret } from "@/lib/secrets/prefixed";
import {
  createKeySchema,
  endOverlapSchema,
  regenerateKeySchema,
  revokeKeySchema,
  updateKeySchema,
} from "./schema";

const PATH = "/settings/integrations";
const target = (key: { id: string; name: string }) => ({
  type: "api_key",
  id: key.id,
  name: key.name,
});

async function checkTeam(tx: Executor, ctx: MemberContext, teamId: string | null) {
  if (!teamId) return null;
  const team = await findTeam(ctx.org.id, teamId, tx);
  if (!team) throw notFound("That team");
  return team;
}

export const createApiKey = orgAction(
  { schema: createKeySchema, role: "member" },
  async (input, ctx) => {
    requireEnterprise(ctx);
    const expiresAt = resolveExpiry(input) ?? null;
    const { key, stored } = newSecret();
    const created = await getDb().transaction(async (tx) => {
      await checkTeam(tx, ctx, input.teamId);
      const row = await insertApiKey(
        tx,
        {
          orgId: ctx.org.id,
          createdBy: ctx.user.id,
          name: input.name,
          teamId: input.teamId,
          apis: input.apis,
          ipAllowlist: input.ipAllowlist,
          rateLimitPerMinute: input.rateLimitPerMinute,
          expiresAt,
        },
        stored,
      );
      await recordAudit(tx, auditContextOf(ctx), {
        event: "api_key.created",
        target: target(row),
        teamId: row.teamId,
        changes: {
          apis: row.apis,
          expiresAt: expiryForAudit(expiresAt),
          ipAllowlist: row.ipAllowlist,
          rateLimitPerMinute: row.rateLimitPerMinute,
        },
        description: `Created API key ${row.name}`,
      });
      return row;
    });
    revalidatePath(PATH);
    // The only response that ever carries the key.
    return ok("API key generated.", { id: created.id, name: created.name, key });
  },
);

export const updateApiKey = orgAction(
  { schema: updateKeySchema, role: "member" },
  async (input, ctx) => {
    requireEnterprise(ctx);
    const requested = resolveExpiry(input);
    await getDb().transaction(async (tx) => {
      const key = await lockKeyForChange(tx, ctx, input.keyId, { unexpired: true });
      const team = await checkTeam(tx, ctx, input.teamId);
      const expiresAt = requested === undefined ? key.expiresAt : requested;
      await updateApiKeyRow(tx, ctx.org.id, key.id, {
        name: input.name,
        teamId: input.teamId,
        apis: input.apis,
        ipAllowlist: input.ipAllowlist,
        rateLimitPerMinute: input.rateLimitPerMinute,
        expiresAt,
      });
      const audit = auditContextOf(ctx);
      const teamId = input.teamId;
      if (!sameExpiry(key.expiresAt, expiresAt)) {
        await recordAudit(tx, audit, {
          event: "api_key.expiry_changed",
          target: { ...target(key), name: input.name },
          teamId,
          changes: {
            expiresAt: { from: expiryForAudit(key.expiresAt), to: expiryForAudit(expiresAt) },
          },
          description: expiresAt
            ? `Set API key ${input.name} to expire on ${expiresAt.toISOString()}`
            : `Set API key ${input.name} to never expire`,
        });
      }
      if (key.name !== input.name) {
        await recordAudit(tx, audit, {
          event: "api_key.renamed",
          target: { ...target(key), name: input.name },
          teamId,
          changes: { name: { from: key.name, to: input.name } },
          description: `Renamed API key from ${key.name} to ${input.name}`,
        });
      }
      const added = input.apis.filter((a) => !key.apis.includes(a));
      const removed = key.apis.filter((a) => !input.apis.includes(a as never));
      if (added.length || removed.length) {
        await recordAudit(tx, audit, {
          event: "api_key.apis_changed",
          target: { ...target(key), name: input.name },
          teamId,
          changes: { apis: { added, removed } },
          description: `Changed API access of ${input.name}`,
        });
      }
      if (key.teamId !== input.teamId) {
        const previous = key.teamId ? await findTeam(ctx.org.id, key.teamId, tx) : null;
        await recordAudit(tx, audit, {
          event: "api_key.team_changed",
          target: { ...target(key), name: input.name },
          teamId,
          changes: {
            team: {
              from: previous ? { id: previous.id, name: previous.name } : null,
              to: team ? { id: team.id, name: team.name } : null,
            },
          },
          description: `Changed the team of API key ${input.name}`,
        });
      }
      await recordAccessRuleChanges(tx, audit, {
        kind: "api_key",
        target: { ...target(key), name: input.name },
        teamId,
        before: key,
        after: input,
      });
    });
    revalidatePath(PATH);
    return ok("API key updated.");
  },
);

export const regenerateApiKey = orgAction(
  { schema: regenerateKeySchema, role: "member" },
  async (input, ctx) => {
    requireEnterprise(ctx);
    const { key: plaintext, stored } = newSecret();
    const key = await getDb().transaction(async (tx) => {
      // The row lock serialises concurrent regenerates and revokes of this key.
      const key = await lockKeyForChange(tx, ctx, input.keyId, { unexpired: true });
      await replaceKeySecret(
        tx,
        key,
        { seenSecretId: input.secretId, stored, overlap: input.overlap },
        auditContextOf(ctx),
      );
      return key;
    });
    revalidatePath(PATH);
    return ok("API key regenerated.", { id: key.id, name: key.name, key: plaintext });
  },
);

export const endKeyOverlap = orgAction(
  { schema: endOverlapSchema, role: "member" },
  async (input, ctx) => {
    requireEnterprise(ctx);
    await getDb().transaction(async (tx) => {
      const key = await lockKeyForChange(tx, ctx, input.keyId);
      const ended = await endOverlappingSecrets(tx, key.id);
      if (ended === 0) throw conflict("This key has no previous key still working.");
      await recordAudit(tx, auditContextOf(ctx), {
        event: "api_key.overlap_ended",
        target: target(key),
        teamId: key.teamId,
        changes: { overlap: "ended" },
        description: `Ended the overlap of API key ${key.name}: the previous key stopped working`,
      });
    });
    revalidatePath(PATH);
    return ok("The previous key stopped working.");
  },
);

export const revokeApiKey = orgAction(
  { schema: revokeKeySchema, role: "member" },
  async (input, ctx) => {
    requireEnterprise(ctx);
    await getDb().transaction(async (tx) => {
      const key = await lockKeyForChange(tx, ctx, input.keyId);
      await archiveKey(tx, key, auditContextOf(ctx));
    });
    revalidatePath(PATH);
    return ok("API key revoked.");
  },
);
