import { and, eq, gte, inArray, isNull, lte, sql, type SQL } from "drizzle-orm";
import { auditEvents } from "../schema";
import { timestampFromMicros } from "./audit-columns";
import { rangeDurations, type AuditFilters, type Cursor } from "./audit-filter";

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The WHERE clause of a filter, always starting with the organization. */
export function whereOf(orgId: string, f: AuditFilters, now = Date.now()): SQL {
  const conditions: (SQL | undefined)[] = [eq(auditEvents.orgId, orgId)];
  if (f.teams.length) conditions.push(inArray(auditEvents.teamId, f.teams));
  if (f.action) conditions.push(eq(auditEvents.action, f.action));
  if (f.actor === "system") {
    conditions.push(and(isNull(auditEvents.actorId), eq(auditEvents.actorType, "system")));
  } else if (f.actor) conditions.push(eq(auditEvents.actorId, f.actor));
  if (f.range)
    conditions.push(gte(auditEvents.occurredAt, new Date(now - rangeDurations[f.range])));
  if (f.from) conditions.push(gte(auditEvents.occurredAt, f.from));
  if (f.to) conditions.push(lte(auditEvents.occurredAt, f.to));
  if (f.q) {
    conditions.push(sql`${auditEvents.searchText} like ${`%${escapeLike(f.q.toLowerCase())}%`}`);
  }
  return and(...conditions)!;
}

/** Rows strictly past a keyset position in the given direction. */
export function keysetCondition(cursor: Cursor, descending: boolean): SQL {
  const key = sql`(${auditEvents.occurredAt}, ${auditEvents.id})`;
  const at = sql`(${timestampFromMicros(cursor.us)}, ${cursor.id}::bigint)`;
  return descending ? sql`${key} < ${at}` : sql`${key} > ${at}`;
}
