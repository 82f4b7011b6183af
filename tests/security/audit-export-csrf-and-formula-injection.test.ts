import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as route from "@/app/api/audit-logs/export/route";
import { getDb } from "@/db/client";
import { insertMembership } from "@/db/queries/memberships";
import { auditEvents } from "@/db/schema";
import { PAGE_ORG_FIELD } from "@/lib/actions/page-org";
import { recordAudit } from "@/lib/audit/write";
import { csvCell, csvRow } from "@/lib/export/csv";
import { parseCsv } from "../audit/fixtures";
import { useTestDatabase } from "../helpers/db";
import { createOrg, createOrgWithPeople } from "../helpers/factories";
import { actAs } from "../helpers/session";

const database = useTestDatabase();
let people: Awaited<ReturnType<typeof createOrgWithPeople>>;

beforeAll(async () => {
  people = await createOrgWithPeople();
  for (const name of ["=cmd|' /C calc'!A0", "a;b", "\uFF1D1+1", "-2+3", "plain"]) {
    await recordAudit(
      database.db,
      { orgId: people.org.id, actor: { type: "system", id: null } },
      { event: "team.created", target: { type: "team", id: name, name }, description: "x" },
    );
  }
});

const exportsRecorded = async () =>
  (
    await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, people.org.id), eq(auditEvents.event, "audit_log.exported")))
  ).length;

function post(fields: Record<string, string>, headers: Record<string, string> = {}) {
  return route.POST!(
    new Request("http://localhost/api/audit-logs/export", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(fields),
    }),
  );
}

const fields = (extra: Record<string, string> = {}) => ({
  [PAGE_ORG_FIELD]: people.org.id,
  format: "csv",
  query: "",
  ...extra,
});

describe("the audit log download", () => {
  it("is not a GET: following a link or loading an image exports nothing", () => {
    expect((route as Record<string, unknown>).GET).toBeUndefined();
  });

  it("refuses a form another website submitted, with or without an Origin header", async () => {
    actAs(people.admin, people.org.id);
    const before = await exportsRecorded();
    for (const headers of <Record<string, string>[]>[
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
      { origin: "https://evil.example" },
    ]) {
      const response = await post(fields(), headers);
      expect(response.status).toBe(403);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    }
    expect(await exportsRecorded()).toBe(before);
  });

  it("serves the page's own site", async () => {
    actAs(people.admin, people.org.id);
    const response = await post(fields(), {
      "sec-fetch-site": "same-origin",
      origin: "http://localhost",
    });
    expect(response.status).toBe(200);
    await response.text();
  });

  it("refuses a page that names no organization or one the admin has switched away from", async () => {
    const globex = await createOrg({ name: "Globex" });
    await insertMembership(getDb(), globex.id, people.admin.id, "admin");
    actAs(people.admin, globex.id);
    const before = await exportsRecorded();
    const stale = await post(fields());
    expect(stale.status).toBe(409);
    expect((await stale.json()).message).toMatch(/switched to Globex\. Reload the page/);
    const { [PAGE_ORG_FIELD]: _, ...withoutOrg } = fields();
    expect((await post(withoutOrg)).status).toBe(400);
    expect(await exportsRecorded()).toBe(before);
  });

  it("answers a body that is not a form, or is too large, with a client error", async () => {
    actAs(people.admin, people.org.id);
    const before = await exportsRecorded();
    const json = await route.POST!(
      new Request("http://localhost/api/audit-logs/export", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(fields()),
      }),
    );
    expect(json.status).toBe(415);
    const huge = await post(fields({ query: "q=".padEnd(100_000, "x") }));
    expect(huge.status).toBe(413);
    expect(await exportsRecorded()).toBe(before);
  });

  it("neutralises formulas and quotes semicolons in the downloaded CSV", async () => {
    actAs(people.admin, people.org.id);
    const response = await post(fields({ query: "order=oldest" }));
    const text = await response.text();
    const [header, ...rows] = parseCsv(text);
    const targets = rows.map((r) => r[header!.indexOf("target_name")]);
    expect(targets.slice(0, 5)).toEqual([
      "'=cmd|' /C calc'!A0",
      "a;b",
      "'\uFF1D1+1",
      "'-2+3",
      "plain",
    ]);
    expect(text).toContain('"a;b"');
  });
});

describe("CSV cells", () => {
  it("quote what would split a row in a semicolon locale, and escape every formula start", () => {
    expect(csvCell("a;b")).toBe('"a;b"');
    expect(csvCell("=1;2")).toBe('"\'=1;2"');
    expect(csvCell("\uFF20SUM(A1)")).toBe("'\uFF20SUM(A1)");
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell("cr\ronly")).toBe('"cr\ronly"');
    expect(csvRow(["=1", -1, "x"])).toBe("'=1,-1,x\r\n");
  });
});
