import net, { type AddressInfo } from "node:net";
import { and, desc, eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { exportAuditLogs } from "@/app/(app)/settings/audit-logs/actions";
import { getDb } from "@/db/client";
import { auditEvents, emailOutbox } from "@/db/schema";
import { verifyChain } from "@/lib/audit/verify";
import { log } from "@/lib/log";
import { recordAudit } from "@/lib/audit/write";
import { drainOutbox } from "@/lib/outbox/worker";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople, createTeam } from "../helpers/factories";
import { actAs, onPage } from "../helpers/session";
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
    const result = await exportAuditLogs(null, onPage({ query }));
    expect(result).toMatchObject({
      ok: true,
      message: `We're preparing your export — it will be emailed to ${admin.email}`,
    });
    // The action answered with the export recorded and the mail not yet sent.
    expect(inbox).toHaveLength(0);
    const [recorded] = await exportEvents(org.id);
    expect(recorded).toMatchObject({ actorId: admin.id, changes: { delivery: "email" } });

    await drainOutbox();
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

    const exported = await exportEvents(org.id);
    expect(exported).toHaveLength(1);
    expect(exported[0]).toMatchObject({
      actorId: admin.id,
      changes: { delivery: "email", format: "csv" },
    });
  });

  it("refuses members and signed-out callers, sending nothing", async () => {
    const { org, member } = await createOrgWithPeople();
    const before = inbox.length;
    actAs(member, org.id);
    expect(await exportAuditLogs(null, onPage({ query: "" }))).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    actAs(null);
    expect(await exportAuditLogs(null, onPage({ query: "" }))).toMatchObject({
      ok: false,
      code: "unauthenticated",
    });
    await drainOutbox();
    expect(inbox.length).toBe(before);
  });

  it("retries a failed delivery, then logs and records it instead of losing it", async () => {
    const { org, admin } = await createOrgWithPeople();
    const smtpUrl = process.env.SMTP_URL;
    // A port nothing listens on: the SMTP server is down.
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    const warned = vi.spyOn(log, "warn").mockImplementation(() => {});
    const logged = vi.spyOn(log, "error").mockImplementation(() => {});
    const retries = { maxAttempts: 3, retryBaseMs: 0 };
    try {
      actAs(admin, org.id);
      expect(await exportAuditLogs(null, onPage({ query: "" }))).toMatchObject({ ok: true });
      expect(await drainOutbox(retries)).toMatchObject({ retried: 1, failed: 0 });
      expect(await drainOutbox(retries)).toMatchObject({ retried: 1, failed: 0 });
      expect(await failedEvents(org.id)).toHaveLength(0);
      expect(await drainOutbox(retries)).toMatchObject({ retried: 0, failed: 1 });
      expect(warned).toHaveBeenCalledTimes(2);
      expect(logged).toHaveBeenCalledWith(
        expect.objectContaining({ err: expect.any(Error), code: "ESOCKET", attempt: 3 }),
        "sending an email failed for good",
      );
    } finally {
      warned.mockRestore();
      logged.mockRestore();
      process.env.SMTP_URL = smtpUrl;
    }
    const [row] = await database.db.select().from(emailOutbox).where(eq(emailOutbox.orgId, org.id));
    expect(row).toMatchObject({ status: "failed", attempts: 3, sealedBody: null });
    expect(row!.lastError).toMatch(/^ESOCKET: /);
    const [failed] = await failedEvents(org.id);
    expect(failed).toMatchObject({
      action: "update",
      actorType: "system",
      targetType: "audit_log",
      changes: { delivery: "email", error: "ESOCKET" },
      description: `Emailing the audit log export to ${admin.email} failed (ESOCKET)`,
    });
    expect((await verifyChain(org.id)).intact).toBe(true);
    // Nothing left to try.
    expect(await drainOutbox(retries)).toMatchObject({ claimed: 0 });
  });
});

const failedEvents = (orgId: string) =>
  getDb()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.event, "audit_log.export_failed")));

const exportEvents = (orgId: string) =>
  getDb()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.event, "audit_log.exported")));
