import "server-only";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { env } from "@/lib/env";

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  attachments?: Mail.Attachment[];
  /** `<id@host>`; the outbox sets one per row, so a receiver can tell a re-send of the same email. */
  messageId?: string;
};

export type MailReceipt = { via: "smtp"; messageId: string } | { via: "outbox"; file: string };

/**
 * Sends through SMTP_URL when it is set; otherwise writes the message as an .eml file into
 * OUTBOX_DIR. Either way the message (and any stream attachment) is piped, never buffered whole.
 */
export async function sendMail(mail: OutgoingMail): Promise<MailReceipt> {
  const { SMTP_URL, MAIL_FROM, OUTBOX_DIR } = env();
  const message = { from: MAIL_FROM, ...mail };
  if (SMTP_URL) {
    const transport = nodemailer.createTransport(SMTP_URL);
    try {
      const info = await transport.sendMail(message);
      return { via: "smtp", messageId: info.messageId };
    } finally {
      transport.close();
    }
  }
  await mkdir(OUTBOX_DIR, { recursive: true });
  const file = path.resolve(
    OUTBOX_DIR,
    `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomBytes(4).toString("hex")}.eml`,
  );
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: false });
  const info = await transport.sendMail(message);
  // Written under a temporary name and renamed when complete: whatever reads the outbox never
  // sees half a message, and a message whose attachment failed midway leaves nothing behind.
  const partial = `${file}.part`;
  try {
    await pipeline(info.message as Readable, createWriteStream(partial, { flags: "wx" }));
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return { via: "outbox", file };
}
