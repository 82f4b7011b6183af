import { beforeAll, describe, expect, it } from "vitest";
import { csvHeader, exportChunks } from "@/lib/audit/export";
import type { AuditFilters } from "@/lib/audit/filters";
import { useTestDatabase } from "../helpers/db";
import { createOrg, createTeam } from "../helpers/factories";
import { insertEvent, parseCsv } from "./fixtures";

useTestDatabase();

let org: { id: string };
let team: { id: string };
/** Every event of `org`, newest first (time, then id). */
let all: { id: number; teamId: string | null; at: number }[];

beforeAll(async () => {
  org = await createOrg();
  const other = await createOrg();
  team = await createTeam(org, "Ops");
  const base = Date.UTC(2026, 0, 15, 12);
  const made = [];
  for (let i = 0; i < 40; i++) {
    // Runs of equal timestamps straddle batch boundaries, so the keyset must break ties by id.
    const at = new Date(base - Math.floor(i / 4) * 60_000);
    const row = await insertEvent({
      orgId: org.id,
      occurredAt: at,
      teamId: i % 3 ? team.id : null,
      targetName: i === 5 ? "=cmd|' /C calc'!A0" : `Key ${i}`,
      changes: i % 2 ? { name: { from: `Old ${i}`, to: `Key ${i}` } } : {},
    });
    made.push({ id: row.id, teamId: row.teamId, at: at.getTime() });
  }
  await insertEvent({ orgId: other.id, targetName: "Foreign" });
  all = made.sort((a, b) => b.at - a.at || b.id - a.id);
});

async function read(
  filters: AuditFilters & { order: "newest" | "oldest" },
  format: "csv" | "jsonl",
  batch: number,
) {
  const chunks: Buffer[] = [];
  for await (const chunk of exportChunks(org.id, filters, format, batch)) chunks.push(chunk);
  return { chunks, text: Buffer.concat(chunks).toString("utf8") };
}

describe("exportChunks", () => {
  it("streams every matching event once, in order, across many small batches", async () => {
    const { chunks, text } = await read({ teams: [], order: "newest" }, "csv", 7);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...csvHeader]);
    expect(rows.map((r) => Number(r[header!.indexOf("event_id")]))).toEqual(all.map((e) => e.id));
    // The header, then one chunk per batch of at most 7 rows.
    expect(chunks).toHaveLength(1 + Math.ceil(all.length / 7));
    for (const chunk of chunks.slice(1)) {
      expect(chunk.toString("utf8").match(/\r\n/g)!.length).toBeLessThanOrEqual(7);
    }
    const neutralised = rows.find((r) => r[header!.indexOf("target_name")]!.includes("calc"));
    expect(neutralised![header!.indexOf("target_name")]).toBe("'=cmd|' /C calc'!A0");
    expect(rows[0]![header!.indexOf("time_utc")]).toBe("2026-01-15T12:00:00.000Z");
  });

  it("keeps the filter and the oldest-first order, ending exactly on a batch boundary", async () => {
    const want = all.filter((e) => e.teamId === team.id).reverse();
    expect(want.length % 2).toBe(0);
    const { chunks, text } = await read(
      { teams: [team.id], order: "oldest" },
      "csv",
      want.length / 2,
    );
    const [header, ...rows] = parseCsv(text);
    expect(rows.map((r) => Number(r[header!.indexOf("event_id")]))).toEqual(want.map((e) => e.id));
    expect(chunks).toHaveLength(3);
  });

  it("writes JSON lines with numeric ids and the UTC time", async () => {
    const { text } = await read({ teams: [], order: "newest" }, "jsonl", 6);
    const lines = text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(all.map((e) => e.id));
    expect(lines[0]).toMatchObject({
      occurredAt: "2026-01-15T12:00:00.000Z",
      target: { type: "team" },
    });
    expect(typeof lines[0].seq).toBe("number");
  });

  it("yields only the header when nothing matches", async () => {
    const { chunks } = await read({ teams: [], q: "no such text", order: "newest" }, "csv", 5);
    expect(chunks.map((c) => c.toString("utf8"))).toEqual([`${csvHeader.join(",")}\r\n`]);
  });
});
