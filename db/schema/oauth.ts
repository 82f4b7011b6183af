import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organizations } from "./orgs";
import { users } from "./users";

export const oauthClients = pgTable(
  "oauth_clients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The public identifier callers send; distinct from the row id so it can never be guessed from it. */
    clientId: uuid("client_id").notNull().defaultRandom(),
    /** Hex SHA-256 of the whole client secret; the secret itself is never stored. */
    secretHash: text("secret_hash").notNull(),
    apis: text("apis").array().notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    secretRotatedAt: timestamp("secret_rotated_at", { withTimezone: true }),
    /**
     * Bumped by every secret rotation. Access tokens carry the generation they were issued under
     * and die when it moves on: exact, where comparing whole-second `iat` with the rotation time
     * could not tell a token from just before the rotation from one just after.
     */
    secretGeneration: integer("secret_generation").notNull().default(0),
    /**
     * The secret an overlap rotation keeps working until `previousSecretExpiresAt`: a client has at
     * most two live secrets. Tokens issued under it carry generation `secretGeneration - 1` and die
     * with it.
     */
    previousSecretHash: text("previous_secret_hash"),
    previousSecretExpiresAt: timestamp("previous_secret_expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** null: never expires. From this instant the client is refused; the sweep then revokes it. */
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    lastUsedIp: text("last_used_ip"),
    lastUsedUserAgent: text("last_used_user_agent"),
    /** Addresses and CIDR ranges the client may call from, normalised; empty: anywhere. */
    ipAllowlist: text("ip_allowlist")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Requests per minute (token endpoint and API calls with its tokens); null: no limit. */
    rateLimitPerMinute: integer("rate_limit_per_minute"),
  },
  (t) => [
    // the expiry sweep and its reminders: live clients that have an expiry, soonest first
    index("oauth_clients_expiry_idx")
      .on(t.expiresAt)
      .where(sql`${t.revokedAt} is null and ${t.expiresAt} is not null`),
    // token endpoint: client authentication looks the client up by client_id
    uniqueIndex("oauth_clients_client_id_idx").on(t.clientId),
    // a leaked secret can be traced to its client (secret scanning reports)
    uniqueIndex("oauth_clients_secret_hash_idx").on(t.secretHash),
    // ... including a secret an overlap rotation keeps alive
    uniqueIndex("oauth_clients_previous_secret_hash_idx").on(t.previousSecretHash),
    check(
      "oauth_clients_rate_limit_range",
      sql`${t.rateLimitPerMinute} is null or ${t.rateLimitPerMinute} between 1 and 1000000`,
    ),
    // API Management screen: an organization's clients, newest first
    index("oauth_clients_org_created_idx").on(t.orgId, t.createdAt.desc()),
  ],
);

export const oauthSigningKeys = pgTable(
  "oauth_signing_keys",
  {
    kid: text("kid").primaryKey(),
    alg: text("alg").notNull(),
    publicJwk: jsonb("public_jwk").$type<Record<string, unknown>>().notNull(),
    /** AES-256-GCM ciphertext of the private JWK under a key derived from AUTH_SECRET. */
    privateJwkEncrypted: text("private_jwk_encrypted").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    retiredAt: timestamp("retired_at", { withTimezone: true }),
  },
  (t) => [
    // at most one active signing key, whatever the number of instances racing to create it
    uniqueIndex("oauth_signing_keys_one_active_idx")
      .on(sql`(true)`)
      .where(sql`${t.retiredAt} is null`),
  ],
);

export const oauthRevokedTokens = pgTable(
  "oauth_revoked_tokens",
  {
    jti: text("jti").primaryKey(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => oauthClients.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // purging entries whose token has expired anyway
    index("oauth_revoked_tokens_expires_idx").on(t.expiresAt),
  ],
);

export type OAuthClient = typeof oauthClients.$inferSelect;
export type OAuthSigningKey = typeof oauthSigningKeys.$inferSelect;
