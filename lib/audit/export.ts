import "server-only";
import { streamAuditExportRows, type AuditExportRow } from "@/db/queries/audit-export";
import { csvRow, csvRows } from "@/lib/export/csv";
import { auditActionLabels } from "./events";
import { describeChanges } from "./describe";
import type { AuditFilters } from "./filters";
import { systemActorLabel } from "./actors";

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

/**
 * Rows per database batch. Small enough that a batch is garbage before the young generation fills
 * up (so exports do not grow the old generation), large enough that the per-query cost stays a
 * small share of the work.
 */
const EXPORT_BATCH_SIZE = 1000;

// Millisecond precision, as the screen shows it; truncated like Date parsing of the timestamp.
const isoTime = (us: string) => new Date(Math.floor(Number(us) / 1000)).toISOString();

function csvValues(row: AuditExportRow): unknown[] {
  return [
    isoTime(row.occurredUs),
    row.actorType === "system" ? systemActorLabel(row.actorName) : (row.actorName ?? ""),
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

function jsonLine(row: AuditExportRow): string {
  return `${JSON.stringify({
    id: Number(row.id),
    seq: Number(row.seq),
    occurredAt: isoTime(row.occurredUs),
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
 * The export as UTF-8 chunks, one per database batch. Consumers pull: a batch is formatted only
 * once the previous chunk has been taken, so memory holds two batches (the one being formatted and
 * the one being read) whatever the number of events.
 */
export async function* exportChunks(
  orgId: string,
  filters: AuditFilters & { order: "newest" | "oldest" },
  format: ExportFormat,
  batchSize = EXPORT_BATCH_SIZE,
): AsyncGenerator<Buffer> {
  const format_ =
    format === "csv"
      ? (batch: AuditExportRow[]) => csvRows(batch.map(csvValues))
      : (batch: AuditExportRow[]) => batch.map(jsonLine).join("");
  if (format === "csv") yield Buffer.from(csvRow(csvHeader));
  for await (const batch of streamAuditExportRows(orgId, filters, batchSize)) {
    yield Buffer.from(format_(batch));
  }
}

export function exportFileName(format: ExportFormat, now = new Date()): string {
  return `audit-log-${now.toISOString().slice(0, 19).replace(/[:T]/g, "-")}.${format}`;
}
