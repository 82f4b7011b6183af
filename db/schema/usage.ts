import { date, index, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";

// Requests per credential, day (UTC) and outcome, added to by each instance's periodic flush
// (lib/usage). No foreign keys: a count must never fail to flush because its key was pruned from
// the archive in the meantime; old days are deleted by the flush's retention step instead.
export const usageDaily = pgTable(
  "usage_daily",
  {
    /** The API key's or OAuth client's record id. */
    credentialId: uuid("credential_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    /** "succeeded", or the reason a request was refused (lib/usage/outcomes.ts). */
    outcome: text("outcome").notNull(),
    credentialType: text("credential_type").notNull(),
    orgId: uuid("org_id").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [
    // the flush's upsert-add, and a details page's 30 days of one credential (range on day)
    primaryKey({ columns: [t.credentialId, t.day, t.outcome] }),
    // retention: deleting days older than any chart shows
    index("usage_daily_day_idx").on(t.day),
  ],
);

export type UsageDailyRow = typeof usageDaily.$inferSelect;
