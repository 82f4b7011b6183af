import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { auditEvents, teams, type ActorType } from "@/db/schema";
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
 * commit or roll back together.
 */
export async function recordAudit(tx: Executor, ctx: AuditContext, entry: AuditEntry) {
  let teamName = entry.teamName ?? null;
  if (entry.teamId && teamName === null) {
    const [team] = await tx
      .select({ name: teams.name })
      .from(teams)
      .where(eq(teams.id, entry.teamId));
    teamName = team?.name ?? null;
  }
  const [row] = await tx
    .insert(auditEvents)
    .values({
      orgId: ctx.orgId,
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
      changes: entry.changes ?? {},
      description: entry.description,
      ip: ctx.ip ?? null,
      userAgent: ctx.userAgent?.slice(0, 512) ?? null,
    })
    .returning({ id: auditEvents.id });
  return row!;
}
