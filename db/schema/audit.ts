import {
  bigserial,
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
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
  },
  (t) => [
    // audit log screen: newest first within an organization (keyset on occurred_at, id)
    index("audit_events_org_time_idx").on(t.orgId, t.occurredAt.desc(), t.id.desc()),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
export type AuditAction = (typeof auditActionEnum.enumValues)[number];
export type ActorType = (typeof actorTypeEnum.enumValues)[number];
