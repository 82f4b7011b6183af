import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import PostalMime from "postal-mime";
import { afterAll, beforeAll } from "vitest";
import { drainOutbox } from "@/lib/outbox/worker";
import { runAfterTasks } from "./after";

export type ReceivedMail = {
  to: string;
  subject: string;
  text: string;
  file: string;
  messageId: string;
};

/**
 * Sends the calling test file's mail to an outbox folder of its own (no SMTP_URL) and reads the
 * messages back, parsed, in the order they were written.
 */
export function useOutbox() {
  let dir: string | undefined;
  const seen = new Set<string>();
  beforeAll(async () => {
    delete process.env.SMTP_URL;
    dir = await mkdtemp(path.join(tmpdir(), "lk-outbox-"));
    process.env.OUTBOX_DIR = dir;
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /**
   * Runs the work scheduled with after() and a worker's pass over the email outbox (as the
   * server's worker does after a commit), then returns the messages written since the last call.
   */
  async function newMail(): Promise<ReceivedMail[]> {
    await runAfterTasks();
    await drainOutbox();
    return written();
  }

  /** The messages written since the last call, without sending anything. */
  async function written(): Promise<ReceivedMail[]> {
    const files = (await readdir(dir!)).filter((f) => f.endsWith(".eml") && !seen.has(f)).sort();
    const out: ReceivedMail[] = [];
    for (const file of files) {
      seen.add(file);
      const email = await PostalMime.parse(await readFile(path.join(dir!, file)));
      out.push({
        to: email.to?.map((a) => ("address" in a ? a.address : "")).join(", ") ?? "",
        subject: email.subject ?? "",
        text: email.text ?? "",
        file,
        messageId: email.messageId ?? "",
      });
    }
    return out;
  }
  return {
    newMail,
    written,
    get dir() {
      return dir!;
    },
  };
}

/** The token of the invitation link in a message's text. */
export function inviteTokenIn(text: string): string {
  const match = /\/invite\/([A-Za-z0-9_-]{43})\b/.exec(text);
  if (!match) throw new Error(`no invitation link in: ${text}`);
  return match[1]!;
}
