import "server-only";
import { Readable } from "node:stream";
import { getDb } from "@/db/client";
import { auditContextOf, type MemberContext } from "@/lib/auth/authorize";
import { sendMail, type MailReceipt } from "@/lib/mail/send";
import { exportChunks, exportFileName, type ExportFormat } from "./export";
import { filterParams, type AuditPageRequest } from "./filters";
import { recordAudit } from "./write";
import { log } from "@/lib/log";

const auditLogTarget = (ctx: MemberContext) => ({
  type: "audit_log",
  id: ctx.org.id,
  name: `${ctx.org.name} audit log`,
});

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
      target: auditLogTarget(ctx),
      changes: { format, delivery, filters },
      description:
        delivery === "email"
          ? `Exported the audit log as ${format.toUpperCase()} by email to ${ctx.user.email}`
          : `Downloaded the audit log as ${format.toUpperCase()}`,
    }),
  );
}

// Only a short error code goes into the append-only log: messages can carry server names or
// credentials from SMTP_URL, and nothing written there can be taken back.
const errorCodeOf = (error: unknown) => {
  const code = (error as { code?: unknown })?.code;
  return typeof code === "string" && /^[A-Z0-9_]{1,40}$/.test(code) ? code : "UNKNOWN";
};

/**
 * Builds the CSV of a filter and mails it to the member who asked, streaming the attachment from
 * the database. It runs after the request has been answered, so nobody awaits its outcome: a
 * failure is logged and recorded in the audit log (where the admin can see it) instead of thrown.
 */
export async function deliverExportEmail(
  ctx: MemberContext,
  req: AuditPageRequest,
): Promise<MailReceipt | undefined> {
  try {
    const attachment = Readable.from(exportChunks(ctx.org.id, req, "csv"));
    return await sendMail({
      to: ctx.user.email,
      subject: `Audit log report for ${ctx.org.name}`,
      text:
        `Hello ${ctx.user.name},\n\nAttached is the audit log report of ${ctx.org.name} ` +
        `you asked for (CSV, times in UTC).\n`,
      attachments: [
        { filename: exportFileName("csv"), content: attachment, contentType: "text/csv" },
      ],
    });
  } catch (error) {
    const code = errorCodeOf(error);
    log.error(
      { err: error, userId: ctx.user.id, orgId: ctx.org.id, code },
      "emailing the audit log export failed",
    );
    await recordAudit(
      getDb(),
      { orgId: ctx.org.id, actor: { type: "system", id: null } },
      {
        event: "audit_log.export_failed",
        target: auditLogTarget(ctx),
        changes: { delivery: "email", error: code },
        description: `Emailing the audit log export to ${ctx.user.email} failed (${code})`,
      },
    ).catch((recordError) =>
      log.error({ err: recordError }, "the failed audit log email could not be recorded"),
    );
    return undefined;
  }
}
