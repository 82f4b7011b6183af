import "server-only";
import { and, count, desc, eq, gte, lt, max, min } from "drizzle-orm";
import { getDb, type Executor } from "../client";
import { dataRecords, proposals, pushMessages, segments, users } from "../schema";

type Writer = { orgId: string; userId: string | null; credentialId: string };

export async function insertProposal(
  writer: Writer,
  values: { title: string; body?: string | null; amount?: number | null },
  db: Executor = getDb(),
) {
  const [row] = await db
    .insert(proposals)
    .values({
      orgId: writer.orgId,
      createdBy: writer.userId,
      credentialId: writer.credentialId,
      title: values.title,
      body: values.body ?? null,
      amount: values.amount ?? null,
    })
    .returning();
  return row!;
}

export async function listProposals(orgId: string, limit: number, db: Executor = getDb()) {
  return db
    .select({
      id: proposals.id,
      title: proposals.title,
      body: proposals.body,
      amount: proposals.amount,
      createdAt: proposals.createdAt,
      createdBy: { id: users.id, name: users.name, email: users.email },
    })
    .from(proposals)
    .leftJoin(users, eq(users.id, proposals.createdBy))
    .where(eq(proposals.orgId, orgId))
    .orderBy(desc(proposals.createdAt))
    .limit(limit);
}

export async function insertDataRecords(
  writer: Writer,
  records: { event: string; properties: Record<string, unknown>; occurredAt?: Date }[],
  db: Executor = getDb(),
) {
  return db
    .insert(dataRecords)
    .values(
      records.map((r) => ({
        orgId: writer.orgId,
        credentialId: writer.credentialId,
        event: r.event,
        properties: r.properties,
        ...(r.occurredAt ? { occurredAt: r.occurredAt } : {}),
      })),
    )
    .returning({ id: dataRecords.id });
}

export async function listDataRecords(
  orgId: string,
  opts: { event?: string; limit: number },
  db: Executor = getDb(),
) {
  return db
    .select({
      id: dataRecords.id,
      event: dataRecords.event,
      properties: dataRecords.properties,
      occurredAt: dataRecords.occurredAt,
      receivedAt: dataRecords.receivedAt,
    })
    .from(dataRecords)
    .where(
      and(eq(dataRecords.orgId, orgId), opts.event ? eq(dataRecords.event, opts.event) : undefined),
    )
    .orderBy(desc(dataRecords.occurredAt), desc(dataRecords.id))
    .limit(opts.limit);
}

/** Counts per event over [from, to). */
export async function eventCounts(
  orgId: string,
  range: { from: Date; to: Date },
  db: Executor = getDb(),
) {
  return db
    .select({
      event: dataRecords.event,
      count: count(),
      first: min(dataRecords.occurredAt),
      last: max(dataRecords.occurredAt),
    })
    .from(dataRecords)
    .where(
      and(
        eq(dataRecords.orgId, orgId),
        gte(dataRecords.occurredAt, range.from),
        lt(dataRecords.occurredAt, range.to),
      ),
    )
    .groupBy(dataRecords.event)
    .orderBy(desc(count()), dataRecords.event);
}

export async function insertSegment(
  writer: Writer,
  values: { name: string; rules: unknown[] },
  db: Executor = getDb(),
) {
  const [row] = await db
    .insert(segments)
    .values({
      orgId: writer.orgId,
      createdBy: writer.userId,
      credentialId: writer.credentialId,
      ...values,
    })
    .returning();
  return row!;
}

export async function listSegments(orgId: string, limit: number, db: Executor = getDb()) {
  return db
    .select({
      id: segments.id,
      name: segments.name,
      rules: segments.rules,
      createdAt: segments.createdAt,
    })
    .from(segments)
    .where(eq(segments.orgId, orgId))
    .orderBy(desc(segments.createdAt))
    .limit(limit);
}

export async function findSegment(orgId: string, segmentId: string, db: Executor = getDb()) {
  const [row] = await db
    .select({ id: segments.id })
    .from(segments)
    .where(and(eq(segments.orgId, orgId), eq(segments.id, segmentId)));
  return row;
}

export async function insertPushMessage(
  writer: Writer,
  values: { segmentId?: string | null; userIds?: string[] | null; title: string; body: string },
  db: Executor = getDb(),
) {
  const [row] = await db
    .insert(pushMessages)
    .values({
      orgId: writer.orgId,
      createdBy: writer.userId,
      credentialId: writer.credentialId,
      segmentId: values.segmentId ?? null,
      userIds: values.userIds ?? null,
      title: values.title,
      body: values.body,
      status: "queued",
    })
    .returning();
  return row!;
}

export async function listPushMessages(orgId: string, limit: number, db: Executor = getDb()) {
  return db
    .select({
      id: pushMessages.id,
      segmentId: pushMessages.segmentId,
      userIds: pushMessages.userIds,
      title: pushMessages.title,
      body: pushMessages.body,
      status: pushMessages.status,
      createdAt: pushMessages.createdAt,
    })
    .from(pushMessages)
    .where(eq(pushMessages.orgId, orgId))
    .orderBy(desc(pushMessages.createdAt))
    .limit(limit);
}
