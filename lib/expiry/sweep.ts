import "server-only";
import { getDb, type Executor } from "@/db/client";
import {
  clientReminderRecipients,
  clientsExpiringWithin,
  keysExpiringWithin,
  lockExpiredClients,
  lockExpiredKeys,
  markClientExpired,
} from "@/db/queries/expiry";
import { existingDedupeKeys, purgeFinishedOutboxRows } from "@/db/queries/outbox";
import { recordAudit, type AuditActor } from "@/lib/audit/write";
import { nowMs } from "@/lib/clock";
import { archiveKey } from "@/lib/keys/revoke";
import { enqueueEmail, type EmailToSend } from "@/lib/outbox/enqueue";
import { DAY_MS } from "./options";
import { clientReminderMessage, keyReminderMessage, reminderDedupeKey, stageOf } from "./reminders";

const SYSTEM: AuditActor = { type: "system", id: null };
/** Credentials handled per transaction. */
const BATCH = 20;
/** Reminder candidates looked at per sweep (the soonest first); the rest wait for the next one. */
const REMINDER_LIMIT = 500;
/** Sent and failed emails are kept this long (long enough to outlive every reminder window). */
const OUTBOX_RETENTION_MS = 30 * DAY_MS;

export type SweepResult = { keysExpired: number; clientsExpired: number; remindersQueued: number };

/**
 * The periodic expiry sweep, run by the outbox worker on every instance: archives expired keys
 * and ends expired clients (audited as System, `api_key.expired` / `oauth_client.expired`), queues
 * the 7-day and 1-day reminders, and purges old sent emails. Instances sweeping at once share the
 * work: rows are taken with SKIP LOCKED and reminders are deduplicated by key.
 */
export async function runExpirySweep(db: Executor = getDb()): Promise<SweepResult> {
  const keysExpired = await expireKeys(db);
  const clientsExpired = await expireClients(db);
  const remindersQueued = (await remindKeyCreators(db)) + (await remindClientAdmins(db));
  await purgeFinishedOutboxRows(new Date(nowMs() - OUTBOX_RETENTION_MS), 1000, db);
  return { keysExpired, clientsExpired, remindersQueued };
}

async function expireKeys(db: Executor) {
  let total = 0;
  for (;;) {
    const count = await db.transaction(async (tx) => {
      const at = new Date(nowMs());
      const keys = await lockExpiredKeys(tx, at, BATCH);
      for (const key of keys) {
        await archiveKey(tx, key, { orgId: key.orgId, actor: SYSTEM }, { expired: at });
      }
      return keys.length;
    });
    total += count;
    if (count < BATCH) return total;
  }
}

async function expireClients(db: Executor) {
  let total = 0;
  for (;;) {
    const count = await db.transaction(async (tx) => {
      const at = new Date(nowMs());
      const clients = await lockExpiredClients(tx, at, BATCH);
      for (const client of clients) {
        await markClientExpired(tx, client.id, at);
        await recordAudit(
          tx,
          { orgId: client.orgId, actor: SYSTEM },
          {
            event: "oauth_client.expired",
            target: { type: "oauth_client", id: client.id, name: client.name },
            changes: { expiresAt: client.expiresAt?.toISOString() ?? null },
            description: `OAuth client ${client.name} expired`,
          },
        );
      }
      return clients.length;
    });
    total += count;
    if (count < BATCH) return total;
  }
}

type Reminder = EmailToSend & { dedupeKey: string };

/** Queues the reminders whose dedupe key is unused; a racing sweep's insert simply does nothing. */
async function queueReminders(db: Executor, reminders: Reminder[]) {
  const used = await existingDedupeKeys(
    reminders.map((r) => r.dedupeKey),
    db,
  );
  const fresh = reminders.filter((r) => !used.has(r.dedupeKey));
  if (fresh.length === 0) return 0;
  return db.transaction(async (tx) => {
    let queued = 0;
    for (const reminder of fresh) if (await enqueueEmail(tx, reminder)) queued++;
    return queued;
  });
}

async function remindKeyCreators(db: Executor) {
  const at = nowMs();
  const keys = await keysExpiringWithin(
    new Date(at),
    new Date(at + 7 * DAY_MS),
    REMINDER_LIMIT,
    db,
  );
  const reminders: Reminder[] = [];
  for (const key of keys) {
    const stage = stageOf(key.expiresAt!, at);
    if (!stage) continue;
    reminders.push({
      kind: "expiry_reminder",
      orgId: key.orgId,
      dedupeKey: reminderDedupeKey("api_key", key.id, stage, key.expiresAt!, key.userId),
      payload: { credential: "api_key", id: key.id, stage },
      ...keyReminderMessage({
        to: key.userEmail,
        userName: key.userName,
        keyName: key.name,
        orgName: key.orgName,
        expiresAt: key.expiresAt!,
        nowMs: at,
      }),
    });
  }
  return queueReminders(db, reminders);
}

async function remindClientAdmins(db: Executor) {
  const at = nowMs();
  const clients = await clientsExpiringWithin(
    new Date(at),
    new Date(at + 7 * DAY_MS),
    REMINDER_LIMIT,
    db,
  );
  if (clients.length === 0) return 0;
  const people = await clientReminderRecipients(
    [...new Set(clients.map((c) => c.orgId))],
    [...new Set(clients.flatMap((c) => (c.createdBy ? [c.createdBy] : [])))],
    db,
  );
  const reminders: Reminder[] = [];
  for (const client of clients) {
    const stage = stageOf(client.expiresAt!, at);
    if (!stage) continue;
    const recipients = people.filter(
      (p) =>
        p.orgId === client.orgId &&
        (p.role === "owner" || p.role === "admin" || p.userId === client.createdBy),
    );
    for (const person of recipients) {
      reminders.push({
        kind: "expiry_reminder",
        orgId: client.orgId,
        dedupeKey: reminderDedupeKey(
          "oauth_client",
          client.id,
          stage,
          client.expiresAt!,
          person.userId,
        ),
        payload: { credential: "oauth_client", id: client.id, stage },
        ...clientReminderMessage({
          to: person.email,
          userName: person.name,
          clientName: client.name,
          orgName: client.orgName,
          expiresAt: client.expiresAt!,
          nowMs: at,
        }),
      });
    }
  }
  return queueReminders(db, reminders);
}
