import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organizations, roleEnum } from "./orgs";
import { users } from "./users";

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    // As typed by the admin; every comparison is on lower(email).
    email: text("email").notNull(),
    role: roleEnum("role").notNull(),
    // SHA-256 of the link's token: the link itself is only ever in the email.
    tokenDigest: text("token_digest").notNull(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: uuid("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    // the accept page and its actions: one lookup by the digest of the presented token
    uniqueIndex("invitations_token_digest_idx").on(t.tokenDigest),
    // at most one open invitation per email and organization (inviting again renews it)
    uniqueIndex("invitations_open_email_idx")
      .on(t.orgId, sql`lower(${t.email})`)
      .where(sql`${t.acceptedAt} is null and ${t.revokedAt} is null`),
    // the Members screen: an organization's open invitations
    index("invitations_org_idx").on(t.orgId, t.createdAt),
  ],
);

export type Invitation = typeof invitations.$inferSelect;
