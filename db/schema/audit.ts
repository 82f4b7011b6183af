import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organizations } from "./orgs";

export const auditActionEnum = pgEnum("audit_action", ["create", "update", "delete"]);
export const actorTypeEnum = pgEnum("actor_type", ["user", "api_key", "oauth_client", "system"]);

// Append-only: UPDATE, DELETE and TRUNCATE are refused by triggers (see the custom migration).
// Foreign keys are deliberately absent on team and target so events outlive what they describe.
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    // Position in the organization's hash chain (1, 2, 3, …), assigned under a per-org lock.
    seq: bigint("seq", { mode: "number" }).notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, precision: 6 })
      .notNull()
      .defaultNow(),
    event: text("event").notNull(),
    action: auditActionEnum("action").notNull(),
    teamId: uuid("team_id"),
    teamName: text("team_name"),
    actorType: actorTypeEnum("actor_type").notNull(),
    actorId: text("actor_id"),
    actorEmail: text("actor_email"),
    actorName: text("actor_name"),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    targetName: text("target_name"),
    changes: jsonb("changes").$type<Record<string, unknown>>().notNull().default({}),
    description: text("description").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    // SHA-256 (hex) of the previous event of the organization (64 zeros for the first) …
    prevHash: text("prev_hash").notNull(),
    // … and SHA-256(prev_hash bytes || canonical JSON of this event): see lib/audit/chain.ts.
    hash: text("hash").notNull(),
    // What "Search logs by" matches: actor, target and details, lower-cased once at write time.
    searchText: text("search_text").generatedAlwaysAs(
      sql`lower(coalesce(actor_name, '') || ' ' || coalesce(actor_email, '') || ' ' || target_type || ' ' || coalesce(target_name, '') || ' ' || target_id || ' ' || coalesce(team_name, '') || ' ' || event || ' ' || description)`,
    ),
  },
  (t) => [
    // audit log screen without filters, and with only a date range: newest/oldest first (keyset)
    index("audit_events_org_time_idx").on(t.orgId, t.occurredAt, t.id),
    // audit log screen filtered by Team(s), keyset on (occurred_at, id)
    index("audit_events_org_team_time_idx").on(t.orgId, t.teamId, t.occurredAt, t.id),
    // audit log screen filtered by Action, keyset on (occurred_at, id)
    index("audit_events_org_action_time_idx").on(t.orgId, t.action, t.occurredAt, t.id),
    // audit log screen filtered by Actor (and the Actor list: skip scan over distinct actor_id)
    index("audit_events_org_actor_time_idx").on(t.orgId, t.actorId, t.occurredAt, t.id),
    // "Search logs by": trigram match of `search_text LIKE '%term%'`
    index("audit_events_search_trgm_idx").using("gin", t.searchText.op("gin_trgm_ops")),
    // hash chain: one event per position, read in order by audit:verify and by the writer's tail
    uniqueIndex("audit_events_org_seq_idx").on(t.orgId, t.seq),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
export type AuditAction = (typeof auditActionEnum.enumValues)[number];
export type ActorType = (typeof actorTypeEnum.enumValues)[number];
