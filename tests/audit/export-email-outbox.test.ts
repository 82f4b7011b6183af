import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportAuditLogs } from "@/app/(app)/settings/audit-logs/actions";
import { recordAudit } from "@/lib/audit/write";
import { sendMail } from "@/lib/mail/send";
import { drainOutbox } from "@/lib/outbox/worker";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople } from "../helpers/factories";
import { actAs, onPage } from "../helpers/session";
import { attachmentOf, parseCsv } from "./fixtures";

const database = useTestDatabase();
let outbox: string;

beforeAll(async () => {
  delete process.env.SMTP_URL;
  outbox = await mkdtemp(path.join(tmpdir(), "lk-outbox-"));
  process.env.OUTBOX_DIR = outbox;
});

afterAll(async () => {
  await rm(outbox, { recursive: true, force: true });
});

describe("Export audit logs without SMTP_URL", () => {
  it("writes the message with its CSV attachment as an .eml file in the outbox", async () => {
    const { org, owner } = await createOrgWithPeople();
    for (let i = 0; i < 3; i++) {
      await recordAudit(
        database.db,
        { orgId: org.id, actor: { type: "system", id: null } },
        {
          event: "team.created",
          target: { type: "team", id: `t${i}`, name: `Team ${i}` },
          description: `Created ${i}`,
        },
      );
    }
    actAs(owner, org.id);
    const result = await exportAuditLogs(null, onPage({ query: "q=team%201" }));
    expect(result).toMatchObject({
      ok: true,
      message: `We're preparing your export — it will be emailed to ${owner.email}`,
    });
    expect(await readdir(outbox)).toHaveLength(0);
    await drainOutbox();
    const files = await readdir(outbox);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const raw = await readFile(path.join(outbox, files[0]!), "utf8");
    expect(raw).toMatch(new RegExp(`^To: ${owner.email.replace(/\./g, "\\.")}`, "m"));
    const [header, ...rows] = parseCsv(attachmentOf(raw.replace(/\r?\n/g, "\r\n")).body);
    expect(rows.map((r) => r[header!.indexOf("target_name")])).toEqual(["Team 1"]);
    expect(rows[0]![header!.indexOf("actor")]).toBe("System");
  });

  it("leaves nothing in the outbox when the attachment fails midway", async () => {
    const before = await readdir(outbox);
    async function* failing() {
      yield Buffer.from("time_utc\r\n");
      throw new Error("connection lost");
    }
    await expect(
      sendMail({
        to: "someone@example.test",
        subject: "Broken",
        text: "x",
        attachments: [{ filename: "a.csv", content: Readable.from(failing()) }],
      }),
    ).rejects.toThrow("connection lost");
    expect(await readdir(outbox)).toEqual(before);
  });
});
