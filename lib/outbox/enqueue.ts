import "server-only";
import type { Executor } from "@/db/client";
import { insertOutboxRow } from "@/db/queries/outbox";
import { now } from "@/lib/clock";
import { sealBody } from "./seal";

export type EmailToSend = {
  /** What the message is; a kind with a handler in lib/outbox/handlers.ts gets its extras. */
  kind: string;
  to: string;
  subject: string;
  text: string;
  orgId?: string | null;
  /** Data the kind's handler needs at send time; never a secret (it is stored as is). */
  payload?: Record<string, unknown>;
  /** Set it and a second enqueue with the same key does nothing: the message goes once. */
  dedupeKey?: string | null;
};

/**
 * Queues an email in the caller's transaction: it is sent only if that transaction commits, and
 * then even if this process stops before sending (another worker picks it up). Returns the row id,
 * or null when the dedupe key was used before. Call nudgeOutbox() after the commit to send at once.
 */
export async function enqueueEmail(tx: Executor, mail: EmailToSend): Promise<string | null> {
  return insertOutboxRow(tx, {
    orgId: mail.orgId ?? null,
    kind: mail.kind,
    recipient: mail.to,
    subject: mail.subject,
    sealedBody: sealBody(mail.text),
    payload: mail.payload ?? {},
    dedupeKey: mail.dedupeKey ?? null,
    availableAt: now(),
  });
}
