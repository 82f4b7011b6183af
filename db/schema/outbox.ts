import { sql } from "drizzle-orm";
import {
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organizations } from "./orgs";

export const emailStatusEnum = pgEnum("email_status", ["pending", "sending", "sent", "failed"]);

/**
 * Every email the app sends, written in the transaction of the event that causes it and sent by
 * the outbox worker (lib/outbox). A row is claimed by moving it to "sending" with a lease in
 * `available_at`: a worker that dies mid-send leaves it to be claimed again once the lease ends.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id").references(() => organizations.id, { onDelete: "cascade" }),
    /** What the message is (invitation, audit_export, expiry_reminder, …): picks its handler. */
    kind: text("kind").notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    /** AES-256-GCM sealed text (it may hold a link that is a credential); null once sent or failed. */
    sealedBody: text("sealed_body"),
    /** Kind-specific data the handler needs at send time (never a secret). */
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    /** Unique when set: a second enqueue with the same key is a no-op, so a message goes once. */
    dedupeKey: text("dedupe_key"),
    status: emailStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** Pending: the earliest next try. Sending: when the claim's lease ends. */
    availableAt: timestamp("available_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    failedAt: timestamp("failed_at", { withTimezone: true }),
  },
  (t) => [
    // "send once": enqueueing the same key again inserts nothing
    uniqueIndex("email_outbox_dedupe_key_idx").on(t.dedupeKey),
    // the worker's claim: due rows that are waiting or whose lease has run out, oldest first
    index("email_outbox_due_idx")
      .on(t.availableAt)
      .where(sql`${t.status} in ('pending', 'sending')`),
  ],
);

export type EmailOutboxRow = typeof emailOutbox.$inferSelect;
