import type { Executor } from "@/db/client";
import { insertAuditEvent, lockAuditChainHead } from "@/db/queries/audit-append";
import { findTeam } from "@/db/queries/teams";
import type { ActorType } from "@/db/schema";
import { chainHash, GENESIS_HASH, type ChainedFields } from "./chain";
import { notRecorded } from "@/lib/errors";
import { log } from "@/lib/log";
import { auditEventCatalogue, type AuditEventName } from "./events";

export type AuditActor = {
  type: ActorType;
  id: string | null;
  email?: string | null;
  name?: string | null;
};

export type AuditContext = {
  orgId: string;
  actor: AuditActor;
  ip?: string | null;
  userAgent?: string | null;
};

export type AuditEntry = {
  event: AuditEventName;
  target: { type: string; id: string; name?: string | null };
  teamId?: string | null;
  /** Snapshot of the team's name; looked up when omitted. */
  teamName?: string | null;
  changes?: Record<string, unknown>;
  description: string;
};

/**
 * Records one audit event. Pass the transaction that makes the change, so the event and the change
 * commit or roll back together. The event is appended to the organization's hash chain.
 */
export async function recordAudit(executor: Executor, ctx: AuditContext, entry: AuditEntry) {
  try {
    return await appendEvent(executor, ctx, entry);
  } catch (error) {
    log.error({ err: error, event: entry.event }, "audit event not written; the change is undone");
    // Thrown on through the caller's transaction, which rolls the change back with its event;
    // the caller is told why instead of "something went wrong".
    throw notRecorded(error);
  }
}

async function appendEvent(executor: Executor, ctx: AuditContext, entry: AuditEntry) {
  // A savepoint inside the caller's transaction, or a transaction of its own when given the bare
  // database: the chain lock below must be held until the insert commits.
  return executor.transaction(async (tx) => {
    let teamName = entry.teamName ?? null;
    if (entry.teamId && teamName === null) {
      teamName = (await findTeam(ctx.orgId, entry.teamId, tx))?.name ?? null;
    }
    const { last, clockUs } = await lockAuditChainHead(tx, ctx.orgId);
    // Never earlier than the previous event, so chain order and time order agree.
    const nowUs = last && BigInt(last.occurredUs) > BigInt(clockUs) ? last.occurredUs : clockUs;

    const fields: ChainedFields = {
      orgId: ctx.orgId,
      seq: (last?.seq ?? 0) + 1,
      occurredAtUs: nowUs,
      event: entry.event,
      action: auditEventCatalogue[entry.event],
      teamId: entry.teamId ?? null,
      teamName,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      actorEmail: ctx.actor.email ?? null,
      actorName: ctx.actor.name ?? null,
      targetType: entry.target.type,
      targetId: entry.target.id,
      targetName: entry.target.name ?? null,
      // Round-tripped through JSON so what is hashed is exactly what jsonb will store.
      changes: JSON.parse(JSON.stringify(entry.changes ?? {})),
      description: entry.description,
      ip: ctx.ip ?? null,
      userAgent: ctx.userAgent?.slice(0, 512) ?? null,
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    const { changes, ...columns } = fields;
    return insertAuditEvent(tx, {
      ...columns,
      action: auditEventCatalogue[entry.event],
      actorType: ctx.actor.type,
      changes: changes as Record<string, unknown>,
      prevHash,
      hash: chainHash(prevHash, fields),
    });
  });
}
