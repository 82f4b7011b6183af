import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/audit-logs/export/route";
import { auditEvents } from "@/db/schema";
import { csvCell, csvRow } from "@/lib/export/csv";
import { recordAudit } from "@/lib/audit/write";
import { verifyChain } from "@/lib/audit/verify";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople, createTeam } from "../helpers/factories";
import { actAs, testRequest } from "../helpers/session";
import { parseCsv } from "./fixtures";

const database = useTestDatabase();

let people: Awaited<ReturnType<typeof createOrgWithPeople>>;
let otherOrgAdmin: { id: string };
let otherOrgId: string;

/** The screen's download form: its query string (with `format`) and the page's organization. */
const get = (query = "") => {
  const params = new URLSearchParams(query);
  const form = new URLSearchParams({
    pageOrgId: testRequest.pageOrgId ?? "",
    format: params.get("format") ?? "csv",
    query,
  });
  return POST(
    new Request("http://localhost/api/audit-logs/export", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form,
    }),
  );
};

beforeAll(async () => {
  people = await createOrgWithPeople();
  const team = await createTeam(people.org, "Ops");
  const ctx = {
    orgId: people.org.id,
    actor: {
      type: "user" as const,
      id: people.admin.id,
      email: people.admin.email,
      name: people.admin.name,
    },
    ip: "198.51.100.4",
  };
  const names = [
    '=HYPERLINK("http://evil")',
    "+1+2",
    "-3",
    "@SUM(A1)",
    "\tTabbed",
    "\rCR",
    'Plain, with "quotes"\nand a newline',
  ];
  for (const [i, name] of names.entries()) {
    await recordAudit(database.db, ctx, {
      event: i % 2 ? "team.renamed" : "team.created",
      target: { type: "team", id: `t${i}`, name },
      teamId: i < 3 ? team.id : null,
      changes: i % 2 ? { name: { from: `Old ${i}`, to: name } } : {},
      description: `Event ${i}`,
    });
  }
  const other = await createOrgWithPeople();
  otherOrgAdmin = other.admin;
  otherOrgId = other.org.id;
  await recordAudit(
    database.db,
    { orgId: other.org.id, actor: { type: "system", id: null } },
    {
      event: "team.created",
      target: { type: "team", id: "foreign", name: "Foreign" },
      description: "x",
    },
  );
});

describe("CSV cells", () => {
  it("neutralises formula starts and quotes per RFC 4180", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("@x")).toBe("'@x");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell("\rx")).toBe('"\'\rx"');
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell("=a,b")).toBe('"\'=a,b"');
    expect(csvCell(null)).toBe("");
    expect(csvRow(["a", 1, "line\nbreak"])).toBe('a,1,"line\nbreak"\r\n');
  });
});

describe("POST /api/audit-logs/export", () => {
  it("streams the filtered events as CSV to an admin, newest first, neutralised", async () => {
    actAs(people.admin, people.org.id);
    const response = await get("action=update");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="audit-log-.*\.csv"$/,
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    const [header, ...rows] = parseCsv(await response.text());
    expect(header?.[0]).toBe("time_utc");
    const expected = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, people.org.id), eq(auditEvents.action, "update")));
    const eventIdCol = header!.indexOf("event_id");
    expect(rows.map((r) => Number(r[eventIdCol]))).toEqual(
      expected.sort((a, b) => b.seq - a.seq).map((e) => e.id),
    );
    const targets = rows.map((r) => r[header!.indexOf("target_name")]);
    expect(targets).toEqual(["'\rCR", "'@SUM(A1)", "'+1+2"]);
    expect(rows[0]![header!.indexOf("what_changed")]).toBe("renamed from Old 5 to \rCR");
    expect(rows.every((r) => r[header!.indexOf("ip")] === "198.51.100.4")).toBe(true);
  });

  it("exports every event of the organization (and the export event itself) without a filter", async () => {
    actAs(people.owner, people.org.id);
    const response = await get("order=oldest");
    const [header, ...rows] = parseCsv(await response.text());
    const targets = rows.map((r) => r[header!.indexOf("target_name")]);
    expect(targets).not.toContain("Foreign");
    expect(targets.slice(0, 7)).toEqual([
      '\'=HYPERLINK("http://evil")',
      "'+1+2",
      "'-3",
      "'@SUM(A1)",
      "'\tTabbed",
      "'\rCR",
      'Plain, with "quotes"\nand a newline',
    ]);
  });

  it("serves JSON lines", async () => {
    actAs(people.admin, people.org.id);
    const response = await get("format=jsonl&q=event%205");
    expect(response.headers.get("content-type")).toMatch(/^application\/jsonl/);
    const lines = (await response.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      action: "update",
      target: { name: "\rCR" },
      description: "Event 5",
    });
  });

  it("records each export as an audit event at its start, keeping the chain intact", async () => {
    actAs(people.admin, people.org.id);
    await get("action=delete&format=jsonl");
    const exports = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.orgId, people.org.id), eq(auditEvents.event, "audit_log.exported")),
      );
    const last = exports.sort((a, b) => b.seq - a.seq)[0]!;
    expect(last).toMatchObject({
      action: "create",
      targetType: "audit_log",
      actorId: people.admin.id,
      changes: { format: "jsonl", delivery: "download", filters: { action: "delete" } },
    });
    expect((await verifyChain(people.org.id)).intact).toBe(true);
  });

  it("refuses members, signed-out callers, and never serves another organization", async () => {
    actAs(people.member, people.org.id);
    const member = await get();
    expect(member.status).toBe(403);
    expect(await member.json()).toMatchObject({ error: "forbidden" });
    actAs(null);
    expect((await get()).status).toBe(401);
    // an admin elsewhere gets their own organization's log, and a page naming this
    // organization is refused
    actAs(otherOrgAdmin, people.org.id);
    expect((await get()).status).toBe(409);
    actAs(otherOrgAdmin, otherOrgId);
    const foreign = await get();
    const [header, ...rows] = parseCsv(await foreign.text());
    const targets = rows.map((r) => r[header!.indexOf("target_name")]);
    expect(targets).toContain("Foreign");
    expect(targets).not.toContain("'+1+2");
    expect(otherOrgId).toBeDefined();
  });

  it("answers bad parameters with the unfiltered export, not an error", async () => {
    actAs(people.admin, people.org.id);
    const response = await get("team=%ZZ&from=nope&pageSize=abc&after=x&format=xml");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
  });
});
