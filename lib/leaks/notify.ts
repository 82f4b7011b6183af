import "server-only";
import type { Executor } from "@/db/client";
import { log } from "@/lib/log";
import { sendMail, type OutgoingMail } from "@/lib/mail/send";
import type { LeakDetails } from "@/lib/keys/revoke";

/** Notices composed inside revoking transactions, to send once they have committed. */
export type NoticeQueue = OutgoingMail[];

/**
 * Queues the owner's notice of a leak, called inside the transaction that revoked the credential.
 * The one place leak mail is handed over: with a durable outbox this becomes `enqueue(tx, mail)`.
 */
export function queueLeakNotice(_tx: Executor, queue: NoticeQueue, mail: OutgoingMail) {
  queue.push(mail);
}

/** Sends the queued notices; a failure is logged and never undoes a revoke. */
export async function sendLeakNotices(queue: NoticeQueue) {
  for (const mail of queue) {
    try {
      await sendMail(mail);
    } catch (error) {
      log.error({ err: error, subject: mail.subject }, "could not send a leak notice");
    }
  }
}

function whereFound(leak: LeakDetails): string {
  const lines = [`Where it was found: ${leak.url ?? "not given by the report"}`];
  if (leak.source) lines.push(`Source: ${leak.source}`);
  if (leak.type) lines.push(`Reported as: ${leak.type}`);
  return lines.join("\n");
}

export function keyLeakMail(input: {
  to: string;
  keyName: string;
  masked: string;
  orgName: string;
  leak: LeakDetails;
}): OutgoingMail {
  return {
    to: input.to,
    subject: `Your API key "${input.keyName}" was found in public and has been revoked`,
    text: [
      `Your API key "${input.keyName}" (${input.masked}) of ${input.orgName} was reported by secret`,
      "scanning as published in a public place. It has been revoked: it no longer works.",
      "",
      whereFound(input.leak),
      `Revoked at: ${new Date().toISOString()}`,
      "",
      "Integrations that used this key have stopped working. Generate a new key in Settings >",
      "Integrations > API Keys, put it where the old one was used, and remove the leaked key",
      "from where it was published.",
    ].join("\n"),
  };
}

export function clientLeakMail(input: {
  to: string;
  clientName: string;
  clientId: string;
  orgName: string;
  leak: LeakDetails;
}): OutgoingMail {
  return {
    to: input.to,
    subject: `The secret of OAuth client "${input.clientName}" was found in public; the client has been revoked`,
    text: [
      `The client secret of OAuth client "${input.clientName}" (client ID ${input.clientId}) of`,
      `${input.orgName} was reported by secret scanning as published in a public place. The client`,
      "has been revoked: its secret and every access token issued to it no longer work.",
      "",
      whereFound(input.leak),
      `Revoked at: ${new Date().toISOString()}`,
      "",
      "Add a new client in ADMIN > API Management, configure the integration with its",
      "credentials, and remove the leaked secret from where it was published.",
    ].join("\n"),
  };
}
