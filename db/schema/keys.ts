import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organizations, teams } from "./orgs";
import { users } from "./users";

export const apiKeyStatusEnum = pgEnum("api_key_status", ["active", "archived"]);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
    apis: text("apis").array().notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: apiKeyStatusEnum("status").notNull().default("active"),
    legacy: boolean("legacy").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    /** null: never expires. From this instant the key is refused; the sweep then archives it. */
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    lastUsedIp: text("last_used_ip"),
    lastUsedUserAgent: text("last_used_user_agent"),
    /** Addresses and CIDR ranges the key may be used from, normalised; empty: anywhere. */
    ipAllowlist: text("ip_allowlist")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Requests per minute across every instance; null: no limit. */
    rateLimitPerMinute: integer("rate_limit_per_minute"),
  },
  (t) => [
    // key list and archived list of an organization (and pruning archived keys beyond 10)
    index("api_keys_org_status_idx").on(t.orgId, t.status, t.archivedAt),
    check(
      "api_keys_rate_limit_range",
      sql`${t.rateLimitPerMinute} is null or ${t.rateLimitPerMinute} between 1 and 1000000`,
    ),
    // the expiry sweep and its reminders: active keys that have an expiry, soonest first
    index("api_keys_expiry_idx")
      .on(t.expiresAt)
      .where(sql`${t.status} = 'active' and ${t.expiresAt} is not null`),
  ],
);

export const apiKeySecrets = pgTable(
  "api_key_secrets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    keyId: uuid("key_id")
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    digest: text("digest").notNull(),
    prefix: text("prefix").notNull(),
    last4: text("last4").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // null: live until replaced; set by an overlap rotation
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    // verification: one lookup by SHA-256 of the presented key
    uniqueIndex("api_key_secrets_digest_idx").on(t.digest),
    // a key's current secret (masked display, regenerate)
    index("api_key_secrets_key_idx").on(t.keyId, t.createdAt),
  ],
);

export type ApiKey = typeof apiKeys.$inferSelect;
export type ApiKeySecret = typeof apiKeySecrets.$inferSelect;
