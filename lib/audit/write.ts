import { desc, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { lockOrgScope } from "@/db/queries/locks";
import { rawRows } from "@/db/queries/raw";
import { auditEvents, teams, type ActorType } from "@/db/schema";
import { chainHash, GENESIS_HASH, type ChainedFields } from "./chain";
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

/** occurred_at from UTC epoch microseconds, exactly (no floating point on the way). */
export const timestampFromMicros = (us: string) =>
  sql`(timestamptz 'epoch' + ${us}::bigint * interval '1 microsecond')`;

/** occurred_at as UTC epoch microseconds (text, exact), independent of the session time zone. */
export const occurredAtMicros = sql<string>`(extract(epoch from ${auditEvents.occurredAt}) * 1000000)::bigint::text`;

/**
 * Records one audit event. Pass the transaction that makes the change, so the event and the change
 * commit or roll back together. The event is appended to the organization's hash chain.
 */
export async function recordAudit(executor: Executor, ctx: AuditContext, entry: AuditEntry) {
  // A savepoint inside the caller's transaction, or a transaction of its own when given the bare
  // database: the chain lock below must be held until the insert commits.
  return executor.transaction(async (tx) => {
    let teamName = entry.teamName ?? null;
    if (entry.teamId && teamName === null) {
      const [team] = await tx
        .select({ name: teams.name })
        .from(teams)
        .where(eq(teams.id, entry.teamId));
      teamName = team?.name ?? null;
    }
    // Serialises the organization's writers so two events can never claim the same position.
    await lockOrgScope(tx, "audit-chain", ctx.orgId);
    const [last] = await tx
      .select({ seq: auditEvents.seq, hash: auditEvents.hash, occurredUs: occurredAtMicros })
      .from(auditEvents)
      .where(eq(auditEvents.orgId, ctx.orgId))
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    const [clock] = await rawRows<{ us: string }>(
      tx,
      sql`select (extract(epoch from clock_timestamp()) * 1000000)::bigint::text as us`,
    );
    // Never earlier than the previous event, so chain order and time order agree.
    const nowUs = last && BigInt(last.occurredUs) > BigInt(clock!.us) ? last.occurredUs : clock!.us;

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
    const { occurredAtUs, changes, ...columns } = fields;
    const [row] = await tx
      .insert(auditEvents)
      .values({
        ...columns,
        action: auditEventCatalogue[entry.event],
        actorType: ctx.actor.type,
        changes: changes as Record<string, unknown>,
        occurredAt: timestampFromMicros(occurredAtUs),
        prevHash,
        hash: chainHash(prevHash, fields),
      })
      .returning({ id: auditEvents.id, seq: auditEvents.seq });
    return row!;
  });
}
