import "server-only";
import { and, sql } from "drizzle-orm";
import { getDb, type Executor } from "../client";
import { auditEvents, type ActorType, type AuditAction } from "../schema";
import { occurredAtMicros } from "./audit-columns";
import { rangeDurations, type AuditFilters, type Cursor } from "./audit-filter";
import { keysetCondition, whereOf } from "./audit-where";
import { rawRows } from "./raw";

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
