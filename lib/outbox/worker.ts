import "server-only";
import { getDb, type Executor } from "@/db/client";
import {
  claimDueOutboxRows,
  markOutboxFailed,
  markOutboxRetry,
  markOutboxSent,
  type ClaimedOutboxRow,
} from "@/db/queries/outbox";
import { nowMs } from "@/lib/clock";
import { log } from "@/lib/log";
import { sendMail } from "@/lib/mail/send";
import { outboxHandlers } from "./handlers";
import { openBody } from "./seal";

export type OutboxOptions = {
  /** Rows claimed per round. */
  batchSize?: number;
  /** How long a claim holds a row; a worker that dies mid-send frees it when this ends. */
  leaseMs?: number;
  /** Attempts before a row is marked failed. */
  maxAttempts?: number;
  /** Delay before the first retry; doubled for each further one, up to retryMaxMs. */
  retryBaseMs?: number;
  retryMaxMs?: number;
};

const defaults: Required<OutboxOptions> = {
  batchSize: 10,
  leaseMs: 5 * 60_000,
  maxAttempts: 8,
  retryBaseMs: 30_000,
  retryMaxMs: 60 * 60_000,
};

/** Exponential backoff with ±20 % jitter, so instances that failed together do not retry together. */
function retryDelayMs(attempt: number, o: Pick<OutboxOptions, "retryBaseMs" | "retryMaxMs">) {
  const base = o.retryBaseMs ?? defaults.retryBaseMs;
  const max = o.retryMaxMs ?? defaults.retryMaxMs;
  const delay = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(delay * (0.8 + Math.random() * 0.4));
}

const errorCodeOf = (error: unknown) => {
  const code = (error as { code?: unknown })?.code;
  return typeof code === "string" && /^[A-Z0-9_]{1,40}$/.test(code) ? code : "UNKNOWN";
};

const errorText = (code: string, error: unknown) =>
  `${code}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300);

export type OutboxRound = { claimed: number; sent: number; retried: number; failed: number };

/**
 * One round of the outbox: claims the due rows (see claimDueOutboxRows) and sends each. A failed
 * send is retried later with backoff; after the last attempt the row is marked failed and its
 * kind may record that where people see it (an export email's failure goes into the audit log).
 */
async function runOutboxOnce(
  options: OutboxOptions = {},
  db: Executor = getDb(),
): Promise<OutboxRound> {
  const o = { ...defaults, ...options };
  const at = nowMs();
  const claimed = await claimDueOutboxRows(o.batchSize, new Date(at), new Date(at + o.leaseMs), db);
  const round: OutboxRound = { claimed: claimed.length, sent: 0, retried: 0, failed: 0 };
  for (const row of claimed) round[await deliver(row, o, db)]++;
  return round;
}

async function deliver(
  row: ClaimedOutboxRow,
  o: Required<OutboxOptions>,
  db: Executor,
): Promise<"sent" | "retried" | "failed"> {
  const handler = outboxHandlers[row.kind];
  try {
    // A row claimed more often than allowed was left mid-send by workers that died: give up.
    if (row.attempts > o.maxAttempts)
      throw Object.assign(new Error("abandoned mid-send"), { code: "ABANDONED" });
    if (row.sealedBody === null) throw Object.assign(new Error("no body"), { code: "NO_BODY" });
    await sendMail({
      to: row.recipient,
      subject: row.subject,
      text: openBody(row.sealedBody),
      messageId: `<${row.id}@outbox.latchkey>`,
      attachments: handler?.attachments?.(row),
    });
  } catch (error) {
    const code = errorCodeOf(error);
    const fields = { outboxId: row.id, kind: row.kind, attempt: row.attempts, code };
    if (row.attempts < o.maxAttempts && code !== "ABANDONED" && code !== "NO_BODY") {
      await markOutboxRetry(
        row,
        new Date(nowMs() + retryDelayMs(row.attempts, o)),
        errorText(code, error),
        db,
      );
      log.warn({ ...fields, err: error }, "sending an email failed; it will be retried");
      return "retried";
    }
    await db.transaction(async (tx) => {
      if (await markOutboxFailed(row, new Date(nowMs()), errorText(code, error), tx)) {
        await handler?.onFailed?.(tx, row, code);
      }
    });
    log.error({ ...fields, err: error }, "sending an email failed for good");
    return "failed";
  }
  await markOutboxSent(row, new Date(nowMs()), db);
  return "sent";
}

/** Rounds until nothing is due: what a nudge, a test or a poll runs. */
export async function drainOutbox(options: OutboxOptions = {}, db: Executor = getDb()) {
  const total: OutboxRound = { claimed: 0, sent: 0, retried: 0, failed: 0 };
  const batchSize = options.batchSize ?? defaults.batchSize;
  for (;;) {
    const round = await runOutboxOnce(options, db);
    for (const k of Object.keys(total) as (keyof OutboxRound)[]) total[k] += round[k];
    if (round.claimed < batchSize) return total;
  }
}
