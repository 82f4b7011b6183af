import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { auditEvents } from "../schema";
import { occurredAtMicros, timestampFromMicros } from "./audit-columns";
import { lockOrgScope } from "./locks";
import { rawRows } from "./raw";

/**
 * Locks the organization's audit chain until the transaction ends and returns its last link and the
 * database clock (UTC epoch microseconds), so two writers can never claim the same position.
 */
export async function lockAuditChainHead(tx: Executor, orgId: string) {
  await lockOrgScope(tx, "audit-chain", orgId);
  const [last] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash, occurredUs: occurredAtMicros })
    .from(auditEvents)
    .where(eq(auditEvents.orgId, orgId))
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  const [clock] = await rawRows<{ us: string }>(
    tx,
    sql`select (extract(epoch from clock_timestamp()) * 1000000)::bigint::text as us`,
  );
  return { last, clockUs: clock!.us };
}

export type AuditEventInsert = Omit<typeof auditEvents.$inferInsert, "occurredAt" | "id"> & {
  occurredAtUs: string;
};

export async function insertAuditEvent(tx: Executor, { occurredAtUs, ...row }: AuditEventInsert) {
  const [inserted] = await tx
    .insert(auditEvents)
    .values({ ...row, occurredAt: timestampFromMicros(occurredAtUs) })
    .returning({ id: auditEvents.id, seq: auditEvents.seq });
  return inserted!;
}
