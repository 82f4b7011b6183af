import { beforeAll, describe, expect, it } from "vitest";
import { listAuditActors, listAuditEvents } from "@/db/queries/audit-events";
import { parseAuditParams, type AuditPageRequest } from "@/lib/audit/filters";
import { useTestDatabase } from "../helpers/db";
import { createOrg, createTeam, createUser } from "../helpers/factories";
import { insertEvent } from "./fixtures";

useTestDatabase();

const HOUR = 3600_000;
let org: { id: string };
let other: { id: string };
let teamA: { id: string };
let teamB: { id: string };
let alice: { id: string; email: string; name: string };
let bob: { id: string; email: string; name: string };
/** Every event of `org`, newest first, with what each test checks. */
let all: {
  id: number;
  teamId: string | null;
  action: string;
  actorId: string | null;
  at: number;
  text: string;
  description: string;
}[];

const req = (over: Partial<AuditPageRequest> = {}): AuditPageRequest => ({
  teams: [],
  order: "newest",
  pageSize: 100,
  ...over,
});
const ids = async (over: Partial<AuditPageRequest> = {}) =>
  (await listAuditEvents(org.id, req(over))).rows.map((r) => r.id);
const expected = (keep: (e: (typeof all)[number]) => boolean) => all.filter(keep).map((e) => e.id);

beforeAll(async () => {
  org = await createOrg();
  other = await createOrg();
  teamA = await createTeam(org, "Alpha");
  teamB = await createTeam(org, "Beta");
  alice = await createUser({ org, role: "admin" });
  bob = await createUser({ org, role: "member" });
  const now = Date.now();
  const actions = ["create", "update", "delete"] as const;
  const made = [];
  for (let i = 0; i < 30; i++) {
    const actor = i % 3 === 0 ? null : i % 3 === 1 ? alice : bob;
    const team = i % 4 === 0 ? teamA : i % 4 === 1 ? teamB : null;
    const at = now - i * 5 * HOUR;
    const name = i === 7 ? "Billing_Export 100%" : `Key ${i}`;
    const row = await insertEvent({
      orgId: org.id,
      occurredAt: new Date(at),
      action: actions[i % 3],
      event: `api_key.${actions[i % 3]}d`,
      actorType: actor ? "user" : "system",
      actorId: actor?.id ?? null,
      actorName: actor?.name ?? null,
      actorEmail: actor?.email ?? null,
      teamId: team?.id ?? null,
      teamName: team ? (team === teamA ? "Alpha" : "Beta") : null,
      targetType: "api_key",
      targetName: name,
      description: `Did ${i}`,
    });
    made.push({
      id: row.id,
      teamId: row.teamId,
      action: row.action,
      actorId: row.actorId,
      at,
      text: name,
      description: row.description,
    });
  }
  // Same time as another event: the keyset must still order and page them without loss.
  const twin = await insertEvent({
    orgId: org.id,
    occurredAt: new Date(now - 10 * HOUR),
    actorType: "system",
    targetName: "Twin",
  });
  made.push({
    id: twin.id,
    teamId: null,
    action: "create",
    actorId: null,
    at: now - 10 * HOUR,
    text: "Twin",
    description: twin.description,
  });
  all = made.sort((a, b) => b.at - a.at || b.id - a.id);
  // Another organization's events, with the same team ids and actor, must never show up.
  for (let i = 0; i < 5; i++) {
    await insertEvent({
      orgId: other.id,
      occurredAt: new Date(now - i * HOUR),
      teamId: teamA.id,
      actorId: alice.id,
      actorName: alice.name,
      targetName: "Billing_Export 100%",
    });
  }
});

describe("audit log filters", () => {
  it("lists the organization's events newest first, and oldest first on request", async () => {
    expect(await ids()).toEqual(all.map((e) => e.id));
    expect(await ids({ order: "oldest" })).toEqual(all.map((e) => e.id).reverse());
  });

  it("filters by teams", async () => {
    expect(await ids({ teams: [teamA.id] })).toEqual(expected((e) => e.teamId === teamA.id));
    expect(await ids({ teams: [teamA.id, teamB.id] })).toEqual(
      expected((e) => e.teamId === teamA.id || e.teamId === teamB.id),
    );
  });

  it("filters by action", async () => {
    for (const action of ["create", "update", "delete"] as const) {
      expect(await ids({ action })).toEqual(expected((e) => e.action === action));
    }
  });

  it("filters by actor, and by the system actor", async () => {
    expect(await ids({ actor: alice.id })).toEqual(expected((e) => e.actorId === alice.id));
    const system = await ids({ actor: "system" });
    expect(system).toEqual(expected((e) => e.actorId === null));
  });

  it("filters by preset and custom date ranges", async () => {
    const now = Date.now();
    expect(await ids({ range: "24h" })).toEqual(expected((e) => e.at >= now - 24 * HOUR));
    const from = new Date(now - 50 * HOUR);
    const to = new Date(now - 20 * HOUR);
    expect(await ids({ from, to })).toEqual(
      expected((e) => e.at >= from.getTime() && e.at <= to.getTime()),
    );
  });

  it("searches actor, target and details case-insensitively, with LIKE characters literal", async () => {
    expect(await ids({ q: "billing_export 100%" })).toEqual(
      expected((e) => e.text === "Billing_Export 100%"),
    );
    expect(await ids({ q: "0%" })).toEqual(expected((e) => e.text.includes("0%")));
    expect(await ids({ q: alice.email.toUpperCase() })).toEqual(
      expected((e) => e.actorId === alice.id),
    );
    expect(await ids({ q: "DID 1" })).toEqual(expected((e) => /^Did 1/.test(e.description)));
  });

  it("combines filters", async () => {
    const now = Date.now();
    const got = await ids({
      teams: [teamA.id, teamB.id],
      action: "update",
      actor: alice.id,
      range: "7d",
    });
    const want = expected(
      (e) =>
        (e.teamId === teamA.id || e.teamId === teamB.id) &&
        e.action === "update" &&
        e.actorId === alice.id &&
        e.at >= now - 7 * 24 * HOUR,
    );
    expect(want.length).toBeGreaterThan(0);
    expect(got).toEqual(want);
    expect(await ids({ actor: bob.id, q: "key 2" })).toEqual(
      expected((e) => e.actorId === bob.id && e.text.toLowerCase().includes("key 2")),
    );
  });

  it("pages forward and back by keyset without gaps or repeats", async () => {
    for (const order of ["newest", "oldest"] as const) {
      const seen: number[] = [];
      const pages: { first: number; ids: number[] }[] = [];
      let page = await listAuditEvents(org.id, req({ order, pageSize: 7 }));
      expect(page.prev).toBeUndefined();
      for (;;) {
        pages.push({ first: page.rows[0]!.id, ids: page.rows.map((r) => r.id) });
        seen.push(...page.rows.map((r) => r.id));
        if (!page.next) break;
        page = await listAuditEvents(org.id, req({ order, pageSize: 7, after: page.next }));
      }
      const want = order === "newest" ? all.map((e) => e.id) : all.map((e) => e.id).reverse();
      expect(seen).toEqual(want);
      // and back again, page by page, to the first page
      for (let i = pages.length - 2; i >= 0; i--) {
        page = await listAuditEvents(org.id, req({ order, pageSize: 7, before: page.prev }));
        expect(page.rows.map((r) => r.id)).toEqual(pages[i]!.ids);
      }
      expect(page.prev).toBeUndefined();
    }
  });

  it("pages with filters applied", async () => {
    // "key" matches every api_key event (target type); the twin is a team event
    const first = await listAuditEvents(org.id, req({ pageSize: 4, q: "key", actor: bob.id }));
    const second = await listAuditEvents(
      org.id,
      req({ pageSize: 4, q: "key", actor: bob.id, after: first.next }),
    );
    const bobs = expected((e) => e.actorId === bob.id);
    expect(bobs.length).toBeGreaterThan(8);
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(bobs.slice(0, 8));
  });

  it("never returns another organization's events, whatever the filter", async () => {
    const foreign = await listAuditEvents(other.id, req());
    const foreignIds = new Set(foreign.rows.map((r) => r.id));
    expect(foreignIds.size).toBe(5);
    for (const f of [
      {},
      { teams: [teamA.id] },
      { actor: alice.id },
      { q: "billing" },
    ] satisfies Partial<AuditPageRequest>[]) {
      for (const id of await ids(f)) expect(foreignIds.has(id)).toBe(false);
    }
    // a cursor taken from the other organization only positions the page; it cannot widen it
    const page = await listAuditEvents(
      org.id,
      req({ after: foreign.next ?? { us: "9".repeat(16), id: 1 } }),
    );
    for (const r of page.rows) expect(foreignIds.has(r.id)).toBe(false);
  });

  it("lists the actors who appear in the log, and whether System does", async () => {
    const { actors, hasSystem } = await listAuditActors(org.id);
    expect(actors.map((a) => a.id).sort()).toEqual([alice.id, bob.id].sort());
    expect(actors.find((a) => a.id === alice.id)).toMatchObject({
      name: alice.name,
      email: alice.email,
    });
    expect(hasSystem).toBe(true);
  });
});

describe("filter URL parameters", () => {
  it("parses good parameters", () => {
    const p = parseAuditParams(
      new URLSearchParams(
        `team=${teamA.id}&team=${teamB.id}&action=update&actor=system&range=7d&q=%20x%20&order=oldest&after=1700000000000000_42&pageSize=5`,
      ),
    );
    expect(p).toMatchObject({
      teams: [teamA.id, teamB.id],
      action: "update",
      actor: "system",
      range: "7d",
      q: "x",
      order: "oldest",
      after: { us: "1700000000000000", id: 42 },
      pageSize: 5,
    });
  });

  it("ignores bad parameters instead of failing", async () => {
    const bad = [
      "team=not-a-uuid&action=explode&range=1y&from=yesterday&to=2024-13-45&order=sideways",
      "after=abc&before=1_2_3&pageSize=-4",
      "pageSize=1000000&after=99999999999999999999_999999999999999999",
      `q=${"x".repeat(5000)}`,
      "team=&actor=&q=",
      "%E0%A4%A",
    ];
    for (const query of bad) {
      const p = parseAuditParams(new URLSearchParams(query));
      await expect(listAuditEvents(org.id, p)).resolves.toBeDefined();
    }
    const p = parseAuditParams(new URLSearchParams(bad[0]));
    expect(p).toMatchObject({ teams: [], order: "newest", pageSize: 25 });
    expect(p.action).toBeUndefined();
    expect(p.from).toBeUndefined();
    expect(parseAuditParams({ pageSize: "1000000" }).pageSize).toBe(25);
  });
});
