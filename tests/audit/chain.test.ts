import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { GENESIS_HASH } from "@/lib/audit/chain";
import { verifyChain } from "@/lib/audit/verify";
import { recordAudit, type AuditContext } from "@/lib/audit/write";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople } from "../helpers/factories";

const database = useTestDatabase();

function ctxOf(
  org: { id: string },
  user: { id: string; email: string; name: string },
): AuditContext {
  return {
    orgId: org.id,
    actor: { type: "user", id: user.id, email: user.email, name: user.name },
  };
}

async function writeEvents(n: number) {
  const { org, admin } = await createOrgWithPeople();
  for (let i = 1; i <= n; i++) {
    await recordAudit(database.db, ctxOf(org, admin), {
      event: "team.renamed",
      target: { type: "team", id: `t${i}`, name: `Team ${i}` },
      changes: { name: { from: `Old ${i}`, to: `Team ${i}` }, nested: { z: 1, a: [1, "x"] } },
      description: `Renamed team ${i}`,
    });
  }
  return { org, admin };
}

// Tampering needs the append-only triggers off, which only the table owner can do.
async function tamper(statement: ReturnType<typeof sql>) {
  await getDb().transaction(async (tx) => {
    await tx.execute(sql`alter table audit_events disable trigger user`);
    await tx.execute(statement);
    await tx.execute(sql`alter table audit_events enable trigger user`);
  });
}

describe("the audit hash chain", () => {
  it("links each event to the previous one from a zero genesis hash", async () => {
    const { org } = await writeEvents(3);
    const rows = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.orgId, org.id))
      .orderBy(asc(auditEvents.seq));
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[2]!.prevHash).toBe(rows[1]!.hash);
    expect(await verifyChain(org.id)).toEqual({ intact: true, count: 3 });
  });

  it("keeps one chain per organization", async () => {
    const a = await writeEvents(2);
    const b = await writeEvents(1);
    expect(await verifyChain(a.org.id)).toEqual({ intact: true, count: 2 });
    expect(await verifyChain(b.org.id)).toEqual({ intact: true, count: 1 });
  });

  it("verifies in another session time zone and across small batches", async () => {
    const { org } = await writeEvents(5);
    await getDb().transaction(async (tx) => {
      await tx.execute(sql`set local time zone 'Pacific/Chatham'`);
      expect(await verifyChain(org.id, { db: tx, batchSize: 2 })).toEqual({
        intact: true,
        count: 5,
      });
    });
  });

  it("stays intact with 150 concurrent writers: positions 1..150, no fork", async () => {
    const { org, admin } = await createOrgWithPeople();
    const results = await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        getDb().transaction((tx) =>
          recordAudit(tx, ctxOf(org, admin), {
            event: "team.created",
            target: { type: "team", id: `c${i}`, name: `Concurrent ${i}` },
            description: `Created team ${i}`,
          }),
        ),
      ),
    );
    expect(results).toHaveLength(150);
    const seqs = (
      await database.db
        .select({ seq: auditEvents.seq })
        .from(auditEvents)
        .where(eq(auditEvents.orgId, org.id))
        .orderBy(asc(auditEvents.seq))
    ).map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    expect(await verifyChain(org.id, { batchSize: 40 })).toEqual({ intact: true, count: 150 });
  });

  it("finds an edited event at its position", async () => {
    const { org } = await writeEvents(6);
    const [target] = await database.db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(sql`${auditEvents.orgId} = ${org.id} and ${auditEvents.seq} = 4`);
    await tamper(
      sql`update audit_events set description = 'nothing to see' where id = ${target!.id}`,
    );
    const report = await verifyChain(org.id, { batchSize: 4 });
    expect(report).toMatchObject({
      intact: false,
      seq: 4,
      eventId: target!.id,
      problem: "hash",
      count: 3,
    });
  });

  it("finds an edit of the jsonb changes or the time", async () => {
    const { org } = await writeEvents(3);
    await tamper(
      sql`update audit_events set occurred_at = occurred_at - interval '1 microsecond' where org_id = ${org.id} and seq = 2`,
    );
    expect(await verifyChain(org.id)).toMatchObject({ intact: false, seq: 2, problem: "hash" });
  });

  it("finds a deleted event at the gap", async () => {
    const { org } = await writeEvents(5);
    await tamper(sql`delete from audit_events where org_id = ${org.id} and seq = 3`);
    const [next] = await database.db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(sql`${auditEvents.orgId} = ${org.id} and ${auditEvents.seq} = 4`);
    expect(await verifyChain(org.id)).toMatchObject({
      intact: false,
      seq: 3,
      eventId: next!.id,
      problem: "missing",
      expected: "seq 3",
      found: "seq 4",
    });
  });

  it("finds a deletion patched over by renumbering at the broken prev_hash", async () => {
    const { org } = await writeEvents(4);
    await tamper(sql`delete from audit_events where org_id = ${org.id} and seq = 2`);
    await tamper(sql`update audit_events set seq = seq - 1 where org_id = ${org.id} and seq > 2`);
    expect(await verifyChain(org.id)).toMatchObject({
      intact: false,
      seq: 2,
      problem: "prev_hash",
    });
  });
});
