import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTeam } from "@/app/(app)/settings/teams/actions";
import { getDb } from "@/db/client";
import { auditEvents, teams } from "@/db/schema";
import { recordAudit } from "@/lib/audit/write";
import { useTestDatabase } from "../helpers/db";
import { dbErrorOf } from "../helpers/errors";
import { createOrgWithPeople } from "../helpers/factories";
import { actAs, onPage } from "../helpers/session";

const database = useTestDatabase();

async function anEvent() {
  const { org, admin } = await createOrgWithPeople();
  const row = await recordAudit(
    database.db,
    { orgId: org.id, actor: { type: "user", id: admin.id, email: admin.email, name: admin.name } },
    { event: "team.created", target: { type: "team", id: "t1", name: "T" }, description: "x" },
  );
  return { org, id: row.id };
}

describe("audit_events is append-only in the database", () => {
  it("refuses UPDATE", async () => {
    const { id } = await anEvent();
    const message = await dbErrorOf(
      database.db.update(auditEvents).set({ description: "forged" }).where(eq(auditEvents.id, id)),
    );
    expect(message).toMatch(/append-only: UPDATE/);
  });

  it("refuses DELETE", async () => {
    const { id } = await anEvent();
    const message = await dbErrorOf(database.db.delete(auditEvents).where(eq(auditEvents.id, id)));
    expect(message).toMatch(/append-only: DELETE/);
  });

  it("refuses TRUNCATE", async () => {
    await anEvent();
    const message = await dbErrorOf(database.db.execute(sql`truncate audit_events`));
    expect(message).toMatch(/append-only: TRUNCATE/);
  });

  it("keeps the row unchanged after the refused statements", async () => {
    const { id } = await anEvent();
    await database.db
      .update(auditEvents)
      .set({ description: "forged" })
      .where(eq(auditEvents.id, id))
      .catch(() => {});
    const [row] = await database.db.select().from(auditEvents).where(eq(auditEvents.id, id));
    expect(row?.description).toBe("x");
  });
});

describe("the audit event shares the change's transaction", () => {
  it("rolls the change back when the audit insert fails", async () => {
    const { org } = await createOrgWithPeople();
    await expect(
      getDb().transaction(async (tx) => {
        await tx.insert(teams).values({ orgId: org.id, name: "Doomed" });
        // an organization that does not exist violates the audit table's foreign key
        await recordAudit(
          tx,
          { orgId: "00000000-0000-4000-8000-000000000000", actor: { type: "system", id: null } },
          { event: "team.created", target: { type: "team", id: "x" }, description: "x" },
        );
      }),
    ).rejects.toThrow();
    const rows = await database.db.select().from(teams).where(eq(teams.orgId, org.id));
    expect(rows).toHaveLength(0);
  });

  it("writes one event with actor snapshot, IP and user agent when an action succeeds", async () => {
    const { org, admin } = await createOrgWithPeople();
    actAs(admin, org.id);
    const result = await createTeam(null, onPage({ name: "Platform" }));
    expect(result.ok).toBe(true);
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.orgId, org.id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      event: "team.created",
      action: "create",
      actorType: "user",
      actorId: admin.id,
      actorEmail: admin.email,
      actorName: admin.name,
      targetType: "team",
      targetName: "Platform",
      teamName: "Platform",
      ip: "203.0.113.7",
      userAgent: "vitest",
    });
  });
});
