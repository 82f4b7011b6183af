import "server-only";
import type Mail from "nodemailer/lib/mailer";
import type { Executor } from "@/db/client";
import type { ClaimedOutboxRow } from "@/db/queries/outbox";
import {
  AUDIT_EXPORT_MAIL,
  exportAttachment,
  recordExportEmailFailed,
} from "@/lib/audit/export-mail";

/** What a kind of email needs beyond its stored text. Kinds without an entry are plain text. */
export type OutboxHandler = {
  /** Built as the email is sent (e.g. a CSV streamed from the database). */
  attachments?: (row: ClaimedOutboxRow) => Mail.Attachment[];
  /** After the last attempt failed, in the transaction that marks the row failed. */
  onFailed?: (tx: Executor, row: ClaimedOutboxRow, code: string) => Promise<void>;
};

export const outboxHandlers: Record<string, OutboxHandler> = {
  [AUDIT_EXPORT_MAIL]: { attachments: exportAttachment, onFailed: recordExportEmailFailed },
};
