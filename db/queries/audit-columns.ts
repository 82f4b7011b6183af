import { auditEvents } from "../schema";

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
