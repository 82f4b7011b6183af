import { sql } from "drizzle-orm";
import { auditEvents } from "../schema";

/** occurred_at from UTC epoch microseconds, exactly (no floating point on the way). */
export const timestampFromMicros = (us: string) =>
  sql`(timestamptz 'epoch' + ${us}::bigint * interval '1 microsecond')`;

/** occurred_at as UTC epoch microseconds (text, exact), independent of the session time zone. */
export const occurredAtMicros = sql<string>`(extract(epoch from ${auditEvents.occurredAt}) * 1000000)::bigint::text`;

/** What an event records: read alike by the log's pages and exports and by chain verification. */
export const auditContentColumns = {
  event: auditEvents.event,
  action: auditEvents.action,
  teamId: auditEvents.teamId,
  teamName: auditEvents.teamName,
  actorType: auditEvents.actorType,
  actorId: auditEvents.actorId,
  actorEmail: auditEvents.actorEmail,
  actorName: auditEvents.actorName,
  targetType: auditEvents.targetType,
  targetId: auditEvents.targetId,
  targetName: auditEvents.targetName,
  changes: auditEvents.changes,
  description: auditEvents.description,
  ip: auditEvents.ip,
  userAgent: auditEvents.userAgent,
};
