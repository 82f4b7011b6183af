import "server-only";
import { Readable } from "node:stream";
import type Mail from "nodemailer/lib/mailer";
import { getDb, type Executor } from "@/db/client";
import { auditContextOf, type MemberContext } from "@/lib/auth/authorize";
import { enqueueEmail } from "@/lib/outbox/enqueue";
import { exportChunks, exportFileName, type ExportFormat } from "./export";
import { filterParams, parseAuditParams, type AuditPageRequest } from "./filters";
import { recordAudit } from "./write";

export const AUDIT_EXPORT_MAIL = "audit_export";

const auditLogTarget = (org: { id: string; name: string }) => ({
  type: "audit_log",
  id: org.id,
  name: `${org.name} audit log`,
});

/**
 * Records who exported what, in a transaction of its own that commits before the first row is
 * read: the export is logged even if the download is interrupted, and the stream holds no lock.
 * An email export is queued in the same transaction, so the request and its email stand or fall
 * together and the email survives a restart before it is sent.
 */
export async function recordExport(
  ctx: MemberContext,
  req: AuditPageRequest,
  format: ExportFormat,
  delivery: "download" | "email",
) {
  const filters = Object.fromEntries(filterParams({ ...req, pageSize: undefined }).entries());
  await getDb().transaction(async (tx) => {
    await recordAudit(tx, auditContextOf(ctx), {
      event: "audit_log.exported",
      target: auditLogTarget(ctx.org),
      changes: { format, delivery, filters },
      description:
        delivery === "email"
          ? `Exported the audit log as ${format.toUpperCase()} by email to ${ctx.user.email}`
          : `Downloaded the audit log as ${format.toUpperCase()}`,
    });
    if (delivery === "email") await enqueueExportEmail(tx, ctx, req);
  });
}

/** The CSV is built when the email is sent, streamed from the database: the row holds the filter. */
async function enqueueExportEmail(tx: Executor, ctx: MemberContext, req: AuditPageRequest) {
  await enqueueEmail(tx, {
    kind: AUDIT_EXPORT_MAIL,
    orgId: ctx.org.id,
    to: ctx.user.email,
    subject: `Audit log report for ${ctx.org.name}`,
    text:
      `Hello ${ctx.user.name},\n\nAttached is the audit log report of ${ctx.org.name} ` +
      `you asked for (CSV, times in UTC).\n`,
    payload: {
      orgName: ctx.org.name,
      query: filterParams({ ...req, pageSize: undefined }).toString(),
    },
  });
}

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
