import "server-only";
import { and, asc, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "../client";
import { auditEvents, type ActorType, type AuditAction } from "../schema";
import { auditContentColumns, occurredAtMicros, timestampFromMicros } from "./audit-columns";
import {
  rangeDurations,
  type AuditFilters,
  type AuditPageRequest,
  type Cursor,
} from "./audit-filter";
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

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The WHERE clause of a filter, always starting with the organization. */
function whereOf(orgId: string, f: AuditFilters, now = Date.now()): SQL {
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
function keysetCondition(cursor: Cursor, descending: boolean): SQL {
  const key = sql`(${auditEvents.occurredAt}, ${auditEvents.id})`;
  const at = sql`(${timestampFromMicros(cursor.us)}, ${cursor.id}::bigint)`;
  return descending ? sql`${key} < ${at}` : sql`${key} > ${at}`;
}

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

/** An event as exports read it: driver values as they come, with bigints as text. */
export type AuditExportRow = {
  id: string;
  seq: string;
  occurredUs: string;
  event: string;
  action: AuditAction;
  teamId: string | null;
  teamName: string | null;
  actorType: ActorType;
  actorId: string | null;
  actorEmail: string | null;
  actorName: string | null;
  targetType: string;
  targetId: string;
  targetName: string | null;
  changes: Record<string, unknown>;
  description: string;
  ip: string | null;
  userAgent: string | null;
};

// Every column cast to a type both drivers return alike (PGlite turns bigint into number,
// postgres-js into text), so rows need no per-field mapping on the export's hot path.
const exportColumns = sql`${auditEvents.id}::text as "id", ${auditEvents.seq}::text as "seq",
  ${occurredAtMicros} as "occurredUs", ${auditEvents.event} as "event",
  ${auditEvents.action} as "action", ${auditEvents.teamId} as "teamId",
  ${auditEvents.teamName} as "teamName", ${auditEvents.actorType} as "actorType",
  ${auditEvents.actorId} as "actorId", ${auditEvents.actorEmail} as "actorEmail",
  ${auditEvents.actorName} as "actorName", ${auditEvents.targetType} as "targetType",
  ${auditEvents.targetId} as "targetId", ${auditEvents.targetName} as "targetName",
  ${auditEvents.changes} as "changes", ${auditEvents.description} as "description",
  ${auditEvents.ip} as "ip", ${auditEvents.userAgent} as "userAgent"`;

/**
 * Every event matching a filter, in batches read by keyset. Each batch is a short query of its
 * own, so a slow download holds no connection or snapshot between batches; only the batch being
 * formatted and the one being read are ever in memory.
 */
export async function* streamAuditExportRows(
  orgId: string,
  filters: AuditFilters & { order: "newest" | "oldest" },
  batchSize: number,
  db: Executor = getDb(),
): AsyncGenerator<AuditExportRow[]> {
  // The preset range is fixed once, so a long export does not drift while it runs.
  const now = Date.now();
  const pinned: AuditFilters = {
    ...filters,
    range: undefined,
    from:
      filters.range && !filters.from
        ? new Date(now - rangeDurations[filters.range])
        : filters.range && filters.from
          ? new Date(Math.max(filters.from.getTime(), now - rangeDurations[filters.range]))
          : filters.from,
  };
  const descending = filters.order === "newest";
  const dir = sql.raw(descending ? "desc" : "asc");
  const batchAfter = (cursor?: Cursor) =>
    rawRows<AuditExportRow>(
      db,
      sql`select ${exportColumns} from ${auditEvents}
          where ${and(whereOf(orgId, pinned, now), cursor && keysetCondition(cursor, descending))}
          order by ${auditEvents.occurredAt} ${dir}, ${auditEvents.id} ${dir}
          limit ${batchSize}`,
    );
  let batch = await batchAfter();
  for (;;) {
    const last = batch.length === batchSize ? batch[batch.length - 1] : undefined;
    // The next batch is already being read while the caller formats this one.
    const next = last ? batchAfter({ us: last.occurredUs, id: Number(last.id) }) : undefined;
    // Marked handled so a consumer that stops early leaves no unhandled rejection behind.
    next?.catch(() => {});
    if (batch.length) yield batch;
    if (!next) return;
    batch = await next;
  }
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
