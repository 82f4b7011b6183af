import "server-only";
import type { Executor } from "@/db/client";
import type { LeakDetails } from "@/lib/keys/revoke";
import { enqueueEmail } from "@/lib/outbox/enqueue";

/** The outbox kind of every leak notice. */
export const LEAK_NOTICE_MAIL = "leak_notice";

type LeakMail = { to: string; subject: string; text: string };

/**
 * Queues the owner's notice of a leak in the email outbox, inside the transaction that revoked the
 * credential: it goes only if the revoke commits, and then even if this process stops before
 * sending. The caller nudges the outbox after the commit. One notice per credential and recipient.
 */
export async function queueLeakNotice(
  tx: Executor,
  mail: LeakMail,
  on: { orgId: string; credential: string },
) {
  await enqueueEmail(tx, {
    kind: LEAK_NOTICE_MAIL,
    orgId: on.orgId,
    ...mail,
    dedupeKey: `leak:${on.credential}:${mail.to}`,
  });
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
}): LeakMail {
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
}): LeakMail {
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
