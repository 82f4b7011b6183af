import type { AddressInfo } from "node:net";
import { and, desc, eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportAuditLogs } from "@/app/(app)/settings/audit-logs/actions";
import { auditEvents } from "@/db/schema";
import { recordAudit } from "@/lib/audit/write";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople, createTeam } from "../helpers/factories";
import { actAs } from "../helpers/session";
import { attachmentOf, parseCsv } from "./fixtures";

const database = useTestDatabase();

type Received = { from: string; to: string[]; raw: string };
const inbox: Received[] = [];
let server: SMTPServer;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        inbox.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("Export audit logs by email over SMTP", () => {
  it("mails the admin a CSV attachment whose rows are the filtered events", async () => {
    const { org, admin, owner } = await createOrgWithPeople();
    const team = await createTeam(org, "Payments");
    const ctx = (u: typeof admin) => ({
      orgId: org.id,
      actor: { type: "user" as const, id: u.id, email: u.email, name: u.name },
    });
    for (let i = 0; i < 12; i++) {
      await recordAudit(database.db, ctx(i % 2 ? admin : owner), {
        event: i % 3 ? "team.renamed" : "team.created",
        target: { type: "team", id: team.id, name: `=Name ${i}` },
        teamId: i % 4 ? team.id : null,
        description: `Event ${i}`,
      });
    }
    actAs(admin, org.id);
    const query = `team=${team.id}&action=update&actor=${admin.id}`;
    const result = await exportAuditLogs(null, { query });
    expect(result).toMatchObject({
      ok: true,
      message: `The audit log report is on its way to ${admin.email}`,
    });

    expect(inbox).toHaveLength(1);
    const mail = inbox[0]!;
    expect(mail.to).toEqual([admin.email]);
    const attachment = attachmentOf(mail.raw);
    expect(attachment.filename).toMatch(/^audit-log-.*\.csv$/);
    expect(attachment.contentType).toBe("text/csv");
    const [header, ...rows] = parseCsv(attachment.body);
    const want = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.orgId, org.id),
          eq(auditEvents.teamId, team.id),
          eq(auditEvents.action, "update"),
          eq(auditEvents.actorId, admin.id),
        ),
      )
      .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id));
    expect(want.length).toBeGreaterThan(2);
    expect(rows.map((r) => Number(r[header!.indexOf("event_id")]))).toEqual(want.map((e) => e.id));
    expect(rows.map((r) => r[header!.indexOf("target_name")])).toEqual(
      want.map((e) => `'${e.targetName}`),
    );

    const [exported] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, org.id), eq(auditEvents.event, "audit_log.exported")));
    expect(exported).toMatchObject({
      actorId: admin.id,
      changes: { delivery: "email", format: "csv" },
    });
  });

  it("refuses members and signed-out callers, sending nothing", async () => {
    const { org, member } = await createOrgWithPeople();
    const before = inbox.length;
    actAs(member, org.id);
    expect(await exportAuditLogs(null, { query: "" })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    actAs(null);
    expect(await exportAuditLogs(null, { query: "" })).toMatchObject({
      ok: false,
      code: "unauthenticated",
    });
    expect(inbox.length).toBe(before);
  });
});
