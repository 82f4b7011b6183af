import "server-only";
import { getDb, type Executor } from "@/db/client";
import { auditContextOf, type MemberContext } from "@/lib/auth/authorize";
import { enqueueEmail } from "@/lib/outbox/enqueue";
import type { ExportFormat } from "./export";
import { AUDIT_EXPORT_MAIL, auditLogTarget } from "./export-mail";
import { filterParams, type AuditPageRequest } from "./filters";
import { recordAudit } from "./write";

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
