import "server-only";
import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import { getDb, type Executor } from "../client";
import { rawRows } from "./raw";
import { emailOutbox, type EmailOutboxRow } from "../schema";

export type NewOutboxRow = {
  orgId: string | null;
  kind: string;
  recipient: string;
  subject: string;
  sealedBody: string;
  payload: Record<string, unknown>;
  dedupeKey: string | null;
  availableAt: Date;
};

/** Inserts one message; with a dedupe key already used, nothing. Returns the new id or null. */
export async function insertOutboxRow(tx: Executor, row: NewOutboxRow): Promise<string | null> {
  const [inserted] = await tx
    .insert(emailOutbox)
    .values(row)
    .onConflictDoNothing({ target: emailOutbox.dedupeKey })
    .returning({ id: emailOutbox.id });
  return inserted?.id ?? null;
}

/** A claimed row as the worker handles it. `attempts` includes this claim. */
export type ClaimedOutboxRow = Pick<
  EmailOutboxRow,
  "id" | "orgId" | "kind" | "recipient" | "subject" | "sealedBody" | "payload" | "attempts"
>;

/**
 * Claims up to `limit` due rows for this worker: waiting rows whose time has come and rows whose
 * previous claim's lease ran out (its worker died mid-send). SKIP LOCKED lets workers on other
 * instances claim other rows at the same moment instead of waiting for these or taking them too;
 * each claim counts as an attempt and holds the row until `leaseUntil`.
 */
export async function claimDueOutboxRows(
  limit: number,
  at: Date,
  leaseUntil: Date,
  db: Executor = getDb(),
): Promise<ClaimedOutboxRow[]> {
  return rawRows<ClaimedOutboxRow>(
    db,
    sql`with due as (
          select id from ${emailOutbox}
           where status in ('pending', 'sending') and available_at <= ${at.toISOString()}
           order by available_at
           limit ${limit}
           for update skip locked
        )
        update ${emailOutbox} o
           set status = 'sending', attempts = o.attempts + 1,
               available_at = ${leaseUntil.toISOString()}
          from due
         where o.id = due.id
        returning o.id, o.org_id as "orgId", o.kind, o.recipient, o.subject,
                  o.sealed_body as "sealedBody", o.payload, o.attempts`,
  );
}

/**
 * Only while this worker's claim still holds (same attempt, still sending): a worker whose lease
 * ran out and whose row another worker has claimed since must not overwrite that worker's outcome.
 */
const stillClaimed = (row: Pick<ClaimedOutboxRow, "id" | "attempts">) =>
  and(
    eq(emailOutbox.id, row.id),
    eq(emailOutbox.status, "sending"),
    eq(emailOutbox.attempts, row.attempts),
  );

/** Sent: the body (which may hold a credential) is dropped. */
export async function markOutboxSent(row: ClaimedOutboxRow, at: Date, db: Executor = getDb()) {
  await db
    .update(emailOutbox)
    .set({ status: "sent", sentAt: at, sealedBody: null, lastError: null })
    .where(stillClaimed(row));
}

export async function markOutboxRetry(
  row: ClaimedOutboxRow,
  retryAt: Date,
  error: string,
  db: Executor = getDb(),
) {
  await db
    .update(emailOutbox)
    .set({ status: "pending", availableAt: retryAt, lastError: error })
    .where(stillClaimed(row));
}

/** Given up: the body is dropped as after a send. True when this worker made the change. */
export async function markOutboxFailed(
  row: ClaimedOutboxRow,
  at: Date,
  error: string,
  db: Executor,
): Promise<boolean> {
  const changed = await db
    .update(emailOutbox)
    .set({ status: "failed", failedAt: at, sealedBody: null, lastError: error })
    .where(stillClaimed(row))
    .returning({ id: emailOutbox.id });
  return changed.length > 0;
}

/** Which of these dedupe keys have been used already. */
export async function existingDedupeKeys(keys: string[], db: Executor = getDb()) {
  if (keys.length === 0) return new Set<string>();
  const rows = await db
    .select({ key: emailOutbox.dedupeKey })
    .from(emailOutbox)
    .where(inArray(emailOutbox.dedupeKey, keys));
  return new Set(rows.map((r) => r.key!));
}

/** Deletes rows sent or failed before `before`, at most `limit` per call. */
export async function purgeFinishedOutboxRows(before: Date, limit = 1000, db: Executor = getDb()) {
  const doomed = db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(
      or(
        and(eq(emailOutbox.status, "sent"), lt(emailOutbox.sentAt, before)),
        and(eq(emailOutbox.status, "failed"), lt(emailOutbox.failedAt, before)),
      ),
    )
    .limit(limit);
  const deleted = await db
    .delete(emailOutbox)
    .where(inArray(emailOutbox.id, doomed))
    .returning({ id: emailOutbox.id });
  return deleted.length;
}
