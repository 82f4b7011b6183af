import "server-only";
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Executor } from "../client";
import { auditEvents } from "../schema";
import { auditContentColumns, occurredAtMicros } from "./audit-columns";
import type { AuditPageRequest, Cursor } from "./audit-filter";
import { keysetCondition, whereOf } from "./audit-where";
import { rawRows } from "./raw";

const listColumns = {
  id: auditEvents.id,
  seq: auditEvents.seq,
  occurredAt: auditEvents.occurredAt,
  occurredUs: occurredAtMicros,
  ...auditContentColumns,
};

export type AuditListRow = {
  [K in keyof typeof listColumns]: (typeof listColumns)[K]["_"] extends { data: infer D }
    ? D
    : never;
} & { occurredUs: string; changes: Record<string, unknown> };

const keyOf = (row: { occurredUs: string; id: number }): Cursor => ({
  us: row.occurredUs,
  id: row.id,
});

export type AuditPage = {
  rows: AuditListRow[];
  /** Cursor for the next page in the chosen order, when there is one. */
  next?: Cursor;
  /** Cursor for the previous page, when there is one. */
  prev?: Cursor;
};

/** The SELECT behind one page, exposed so the benchmark can EXPLAIN exactly what the screen runs. */
export function auditPageQuery(orgId: string, req: AuditPageRequest, db: Executor = getDb()) {
  const newestFirst = req.order === "newest";
  const backwards = !!req.before;
  const cursor = req.after ?? req.before;
  // Walking backwards reads in the opposite order, then flips the page back.
  const descending = newestFirst !== backwards;
  const conditions = [whereOf(orgId, req)];
  if (cursor) conditions.push(keysetCondition(cursor, descending));
  const dir = descending ? desc : asc;
  return db
    .select(listColumns)
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(dir(auditEvents.occurredAt), dir(auditEvents.id))
    .limit(req.pageSize + 1);
}

/**
 * One page of an organization's audit log. Keyset pagination on (occurred_at, id): a page costs
 * the same at row 10 and row 1,000,000, unlike OFFSET.
 */
export async function listAuditEvents(
  orgId: string,
  req: AuditPageRequest,
  db: Executor = getDb(),
): Promise<AuditPage> {
  const backwards = !!req.before;
  const cursor = req.after ?? req.before;
  const rows = (await auditPageQuery(orgId, req, db)) as AuditListRow[];
  const more = rows.length > req.pageSize;
  if (more) rows.pop();
  if (backwards) rows.reverse();
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    rows,
    next: last && (backwards ? !!cursor : more) ? keyOf(last) : undefined,
    prev: first && (backwards ? more : !!cursor) ? keyOf(first) : undefined,
  };
}

export type AuditActorOption = { id: string; name: string | null; email: string | null };

/**
 * The people who appear in an organization's log, for the Actor filter. A skip scan over the
 * (org_id, actor_id, …) index: one index probe per distinct actor, not a pass over every event.
 */
export async function listAuditActors(
  orgId: string,
  db: Executor = getDb(),
): Promise<{ actors: AuditActorOption[]; hasSystem: boolean }> {
  const actors = await rawRows<AuditActorOption>(
    db,
    sql`
      with recursive ids(actor_id) as (
        (select actor_id from audit_events
          where org_id = ${orgId} and actor_id is not null order by actor_id limit 1)
        union all
        select (select e.actor_id from audit_events e
                 where e.org_id = ${orgId} and e.actor_id > ids.actor_id
                 order by e.actor_id limit 1)
          from ids where ids.actor_id is not null
      )
      select ids.actor_id as id, latest.actor_name as name, latest.actor_email as email
        from ids
        cross join lateral (
          select actor_name, actor_email from audit_events e
           where e.org_id = ${orgId} and e.actor_id = ids.actor_id
           order by e.occurred_at desc, e.id desc limit 1
        ) latest
       where ids.actor_id is not null
       order by lower(coalesce(latest.actor_name, latest.actor_email, ids.actor_id))`,
  );
  const [system] = await db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.orgId, orgId),
        isNull(auditEvents.actorId),
        eq(auditEvents.actorType, "system"),
      ),
    )
    .limit(1);
  return { actors, hasSystem: !!system };
}
