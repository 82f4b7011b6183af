import "server-only";
import { Readable } from "node:stream";
import { getDb } from "@/db/client";
import { auditContextOf, type MemberContext } from "@/lib/auth/authorize";
import { sendMail } from "@/lib/mail/send";
import { exportChunks, exportFileName, type ExportFormat } from "./export";
import { filterParams, type AuditPageRequest } from "./filters";
import { recordAudit } from "./write";

/**
 * Records who exported what, in a transaction of its own that commits before the first row is
 * read: the export is logged even if the download is interrupted, and the stream holds no lock.
 */
export async function recordExport(
  ctx: MemberContext,
  req: AuditPageRequest,
  format: ExportFormat,
  delivery: "download" | "email",
) {
  const filters = Object.fromEntries(filterParams({ ...req, pageSize: undefined }).entries());
  await getDb().transaction((tx) =>
    recordAudit(tx, auditContextOf(ctx), {
      event: "audit_log.exported",
      target: { type: "audit_log", id: ctx.org.id, name: `${ctx.org.name} audit log` },
      changes: { format, delivery, filters },
      description:
        delivery === "email"
          ? `Exported the audit log as ${format.toUpperCase()} by email to ${ctx.user.email}`
          : `Downloaded the audit log as ${format.toUpperCase()}`,
    }),
  );
}

/** Emails the export of a filter to the member who asked for it, as a streamed CSV attachment. */
export async function emailExport(ctx: MemberContext, req: AuditPageRequest) {
  await recordExport(ctx, req, "csv", "email");
  const attachment = Readable.from(exportChunks(ctx.org.id, req, "csv"));
  return sendMail({
    to: ctx.user.email,
    subject: `Audit log report for ${ctx.org.name}`,
    text:
      `Hello ${ctx.user.name},\n\nAttached is the audit log report of ${ctx.org.name} ` +
      `you asked for (CSV, times in UTC).\n`,
    attachments: [
      { filename: exportFileName("csv"), content: attachment, contentType: "text/csv" },
    ],
  });
}
