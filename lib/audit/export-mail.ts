import "server-only";
import { Readable } from "node:stream";
import type Mail from "nodemailer/lib/mailer";
import type { Executor } from "@/db/client";
import { exportChunks, exportFileName } from "./export";
import { parseAuditParams } from "./filters";
import { recordAudit } from "./write";

// The export email as the outbox worker sends it: nothing here reads a session, so the worker can
// load it outside Next.

export const AUDIT_EXPORT_MAIL = "audit_export";

export const auditLogTarget = (org: { id: string; name: string }) => ({
  type: "audit_log",
  id: org.id,
  name: `${org.name} audit log`,
});

type ExportMailRow = { orgId: string | null; recipient: string; payload: Record<string, unknown> };

/** The attachment of a queued export email, read from the database as it is sent. */
export function exportAttachment(row: ExportMailRow): Mail.Attachment[] {
  if (!row.orgId) throw new Error("export email without an organization");
  const req = parseAuditParams(new URLSearchParams(String(row.payload.query ?? "")));
  return [
    {
      filename: exportFileName("csv"),
      content: Readable.from(exportChunks(row.orgId, req, "csv")),
      contentType: "text/csv",
    },
  ];
}

/**
 * After the last attempt the failure goes into the audit log, where the admin can see it. Only a
 * short error code: messages can carry server names or credentials from SMTP_URL, and nothing
 * written there can be taken back.
 */
export async function recordExportEmailFailed(tx: Executor, row: ExportMailRow, code: string) {
  if (!row.orgId) return;
  await recordAudit(
    tx,
    { orgId: row.orgId, actor: { type: "system", id: null } },
    {
      event: "audit_log.export_failed",
      target: auditLogTarget({ id: row.orgId, name: String(row.payload.orgName ?? "") }),
      changes: { delivery: "email", error: code },
      description: `Emailing the audit log export to ${row.recipient} failed (${code})`,
    },
  );
}
