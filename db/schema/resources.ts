import {
  bigserial,
  index,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { organizations } from "./orgs";
import { users } from "./users";

// The small resources of the public API. `credential_id` is the key or OAuth client that wrote the
// row (no foreign key: it may be an OAuth client, and rows outlive archived keys).

export const proposals = pgTable(
  "proposals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    body: text("body"),
    amount: numeric("amount", { precision: 14, scale: 2, mode: "number" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    credentialId: text("credential_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // GET /api/v1/proposals: newest first
  (t) => [index("proposals_org_created_idx").on(t.orgId, t.createdAt.desc())],
);

export const dataRecords = pgTable(
  "data_records",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    event: text("event").notNull(),
    properties: jsonb("properties").$type<Record<string, unknown>>().notNull().default({}),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    credentialId: text("credential_id"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // GET /api/v1/data and /api/v1/reports: an organization's records over a time range
  (t) => [index("data_records_org_time_idx").on(t.orgId, t.occurredAt)],
);

export const segments = pgTable(
  "segments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    rules: jsonb("rules").$type<unknown[]>().notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    credentialId: text("credential_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // GET /api/v1/segmentation: newest first
  (t) => [index("segments_org_created_idx").on(t.orgId, t.createdAt.desc())],
);

export const pushMessages = pgTable(
  "push_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    segmentId: uuid("segment_id").references(() => segments.id, { onDelete: "set null" }),
    userIds: text("user_ids").array(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    status: text("status").notNull().default("queued"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    credentialId: text("credential_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // GET /api/v1/push: newest first
  (t) => [index("push_messages_org_created_idx").on(t.orgId, t.createdAt.desc())],
);

export type Proposal = typeof proposals.$inferSelect;
export type DataRecord = typeof dataRecords.$inferSelect;
export type Segment = typeof segments.$inferSelect;
export type PushMessage = typeof pushMessages.$inferSelect;
