import "server-only";
import { and, asc, eq, gt } from "drizzle-orm";
import { getDb, type Executor } from "../client";
import { auditEvents, organizations } from "../schema";
import { auditContentColumns, occurredAtMicros } from "./audit-columns";

const chainColumns = {
  id: auditEvents.id,
  orgId: auditEvents.orgId,
  seq: auditEvents.seq,
  occurredAtUs: occurredAtMicros,
  ...auditContentColumns,
  prevHash: auditEvents.prevHash,
  hash: auditEvents.hash,
};

/** The next `limit` links of an organization's chain after position `afterSeq`. */
export async function listChainBatch(
  orgId: string,
  afterSeq: number,
  limit: number,
  db: Executor = getDb(),
) {
  return db
    .select(chainColumns)
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), gt(auditEvents.seq, afterSeq)))
    .orderBy(asc(auditEvents.seq))
    .limit(limit);
}

export async function listOrganizationsForVerify(db: Executor = getDb()) {
  return db
    .select({ id: organizations.id, slug: organizations.slug })
    .from(organizations)
    .orderBy(asc(organizations.slug));
}
