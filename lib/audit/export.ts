import "server-only";
import { streamAuditEvents, type AuditListRow } from "@/db/queries/audit-events";
import { csvRow } from "@/lib/export/csv";
import { auditActionLabels } from "./events";
import { describeChanges } from "./describe";
import type { AuditFilters } from "./filters";

export type ExportFormat = "csv" | "jsonl";

export const csvHeader = [
  "time_utc",
  "actor",
  "actor_email",
  "action",
  "event",
  "target_type",
  "target_name",
  "target_id",
  "team",
  "what_changed",
  "ip",
  "user_agent",
  "event_id",
  "seq",
] as const;

function csvValues(row: AuditListRow): unknown[] {
  return [
    row.occurredAt.toISOString(),
    row.actorType === "system" ? "System" : (row.actorName ?? ""),
    row.actorEmail ?? "",
    auditActionLabels[row.action],
    row.event,
    row.targetType,
    row.targetName ?? "",
    row.targetId,
    row.teamName ?? "",
    describeChanges(row.event, row.changes, row.description),
    row.ip ?? "",
    row.userAgent ?? "",
    row.id,
    row.seq,
  ];
}

function jsonLine(row: AuditListRow): string {
  return `${JSON.stringify({
    id: row.id,
    seq: row.seq,
    occurredAt: row.occurredAt.toISOString(),
    event: row.event,
    action: row.action,
    actor: { type: row.actorType, id: row.actorId, name: row.actorName, email: row.actorEmail },
    target: { type: row.targetType, id: row.targetId, name: row.targetName },
    team: row.teamId ? { id: row.teamId, name: row.teamName } : null,
    changes: row.changes,
    description: row.description,
    ip: row.ip,
    userAgent: row.userAgent,
  })}\n`;
}

/**
 * The export as text chunks, one per database batch: the caller pipes them to a response or an
 * attachment, so memory holds one batch whatever the number of events.
 */
export async function* exportChunks(
  orgId: string,
  filters: AuditFilters & { order: "newest" | "oldest" },
  format: ExportFormat,
  batchSize = 5000,
): AsyncGenerator<string> {
  if (format === "csv") yield csvRow(csvHeader);
  for await (const batch of streamAuditEvents(orgId, filters, batchSize)) {
    let chunk = "";
    for (const row of batch) chunk += format === "csv" ? csvRow(csvValues(row)) : jsonLine(row);
    yield chunk;
  }
}

export function exportFileName(format: ExportFormat, now = new Date()): string {
  return `audit-log-${now.toISOString().slice(0, 19).replace(/[:T]/g, "-")}.${format}`;
}
