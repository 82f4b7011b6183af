// npm run bench:audit — audit log page queries and export throughput on a large table.
// Seeds a fresh database (its own database on the DATABASE_URL server, dropped afterwards; an
// in-memory PGlite with fewer rows without DATABASE_URL). The seeded rows carry placeholder chain
// columns: verifying the hash chain is out of scope here (tests/audit/chain.test.ts covers it).
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { createDb, setHandle, type DbHandle } from "@/db/client";
import { auditPageQuery, listAuditEvents } from "@/db/queries/audit-events";
import { rawRows } from "@/db/queries/raw";
import { exportChunks } from "@/lib/audit/export";
import type { AuditPageRequest } from "@/lib/audit/filters";

const base = process.env.DATABASE_URL;
const ROWS = Number(process.env.BENCH_ROWS ?? (base ? 1_000_000 : 100_000));
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const TEAMS = 12;
const ACTORS = 40;

let handle: DbHandle;
let dbName: string | undefined;
let explainClient: postgres.Sql | undefined;

async function open() {
  if (base) {
    dbName = `lk_bench_${randomBytes(4).toString("hex")}`;
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${dbName}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${dbName}`;
    handle = createDb({ url: url.toString() });
    explainClient = postgres(url.toString(), { max: 1, onnotice: () => {} });
  } else {
    handle = createDb({ dataDir: "memory://" });
  }
  await handle.migrate();
  setHandle(handle);
}

async function close() {
  await explainClient?.end();
  await handle.close();
  if (dbName) {
    const admin = postgres(base!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}

async function seed() {
  const db = handle.db;
  const [org] = await rawRows<{ id: string }>(
    db,
    sql`insert into organizations (name, slug, plan) values ('Bench', 'bench', 'enterprise') returning id`,
  );
  const orgId = org!.id;
  // A second organization with its own events, so every query must really scope by org.
  const [other] = await rawRows<{ id: string }>(
    db,
    sql`insert into organizations (name, slug) values ('Other', 'other') returning id`,
  );
  const teamIds = (
    await rawRows<{ id: string }>(
      db,
      sql`insert into teams (org_id, name) select ${orgId}, 'Team ' || g from generate_series(1, ${TEAMS}) g returning id`,
    )
  ).map((t) => t.id);
  const actorIds = Array.from(
    { length: ACTORS },
    (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
  );
  const teamArray = `{${teamIds.join(",")}}`;
  const actorArray = `{${actorIds.join(",")}}`;
  const started = performance.now();
  const chunk = 100_000;
  const spanSeconds = 90 * 24 * 3600; // events spread over the last 90 days
  for (let from = 1; from <= ROWS; from += chunk) {
    const to = Math.min(ROWS, from + chunk - 1);
    await db.execute(sql`
      insert into audit_events (org_id, seq, occurred_at, event, action, team_id, team_name, actor_type,
        actor_id, actor_email, actor_name, target_type, target_id, target_name, changes, description,
        ip, user_agent, prev_hash, hash)
      select ${orgId}::uuid, g,
        now() - ((${ROWS} - g)::float8 / ${ROWS} * ${spanSeconds}) * interval '1 second',
        (array['api_key.created','api_key.renamed','api_key.apis_changed','api_key.regenerated','api_key.revoked','team.member_added'])[1 + g % 6],
        (array['create','update','update','update','delete','update'])[1 + g % 6]::audit_action,
        case when g % 5 = 0 then null else (${teamArray}::uuid[])[1 + g % ${TEAMS}] end,
        case when g % 5 = 0 then null else 'Team ' || (1 + g % ${TEAMS}) end,
        case when g % 97 = 0 then 'system' else 'user' end::actor_type,
        case when g % 97 = 0 then null else ((${actorArray}::uuid[])[1 + (g / 7) % ${ACTORS}])::text end,
        'person' || ((g / 7) % ${ACTORS}) || '@bench.test',
        'Person ' || ((g / 7) % ${ACTORS}),
        'api_key', md5(g::text),
        (array['billing','checkout','mobile','partner','warehouse','crm','analytics','etl'])[1 + g % 8] || ' key ' || substr(md5(g::text), 1, 6),
        '{"name":{"from":"old","to":"new"}}'::jsonb,
        'Changed key ' || substr(md5(g::text), 1, 8),
        '10.0.' || (g % 250) || '.' || (g % 200), 'bench',
        repeat('0', 64), md5(g::text) || md5(g::text)
      from generate_series(${from}::bigint, ${to}::bigint) g`);
    process.stdout.write(`\rseeded ${to.toLocaleString()} / ${ROWS.toLocaleString()}`);
  }
  await db.execute(sql`
    insert into audit_events (org_id, seq, event, action, actor_type, target_type, target_id, target_name,
      description, prev_hash, hash)
    select ${other!.id}::uuid, g, 'team.created', 'create', 'system', 'team', g::text, 'billing other',
      'x', repeat('0', 64), repeat('1', 64)
    from generate_series(1, 50000) g`);
  // VACUUM as autovacuum would after a bulk load: until then the trigram index keeps the new rows
  // in its unsorted pending list, which every search would scan in full.
  await db.execute(sql`vacuum analyze audit_events`);
  console.log(
    `\nseeded ${ROWS.toLocaleString()} events in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return { orgId, teamIds, actorIds };
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function plan(orgId: string, req: AuditPageRequest): Promise<string> {
  if (!explainClient) return "";
  const q = auditPageQuery(orgId, req).toSQL();
  const rows = await explainClient.unsafe(`explain ${q.sql}`, q.params as never[]);
  const text = rows.map((r) => Object.values(r)[0]).join("\n");
  const indexes = [...new Set([...text.matchAll(/(audit_events_\w+)/g)].map((m) => m[1]))];
  return indexes.length ? indexes.join("+") : /Seq Scan/.test(text) ? "SEQ SCAN" : "?";
}

async function main() {
  await open();
  try {
    const { orgId, teamIds, actorIds } = await seed();
    const [deep] = await rawRows<{ us: string; id: number }>(
      handle.db,
      sql`select (extract(epoch from occurred_at) * 1000000)::bigint::text as us, id from audit_events
          where org_id = ${orgId} order by occurred_at desc, id desc offset ${Math.floor(ROWS / 2)} limit 1`,
    );
    const now = Date.now();
    const page = (over: Partial<AuditPageRequest>): AuditPageRequest => ({
      teams: [],
      order: "newest",
      pageSize: 25,
      ...over,
    });
    const cases: [string, AuditPageRequest][] = [
      ["first page, no filter", page({})],
      ["team", page({ teams: [teamIds[3]!] })],
      ["two teams", page({ teams: [teamIds[1]!, teamIds[2]!] })],
      ["action (delete)", page({ action: "delete" })],
      ["actor", page({ actor: actorIds[7]! })],
      ["actor: System", page({ actor: "system" })],
      [
        "date range (custom 3 days, 30 days ago)",
        page({ from: new Date(now - 33 * 86400_000), to: new Date(now - 30 * 86400_000) }),
      ],
      ["date range (last 24 hours)", page({ range: "24h" })],
      [
        "combined team+action+actor+7d",
        page({ teams: [teamIds[4]!], action: "update", actor: actorIds[4]!, range: "7d" }),
      ],
      ["deep page (keyset after 50%)", page({ after: { us: deep!.us, id: Number(deep!.id) } })],
      ["deep page backwards", page({ before: { us: deep!.us, id: Number(deep!.id) } })],
      ["oldest first", page({ order: "oldest" })],
      ["search common word (billing)", page({ q: "billing" })],
      ["search rare text (one key)", page({ q: "checkout key " + (await rareSuffix(orgId)) })],
      ["search + action", page({ q: "warehouse", action: "delete" })],
    ];
    console.log(
      `\n${RUNS} runs each, page size 25, ${ROWS.toLocaleString()} events (${handle.kind})`,
    );
    console.log("query".padEnd(42), "p50 ms".padStart(8), "p95 ms".padStart(8), "  index used");
    for (const [name, req] of cases) {
      await listAuditEvents(orgId, req); // warm-up
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await listAuditEvents(orgId, req);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      console.log(
        name.padEnd(42),
        pct(times, 50).toFixed(2).padStart(8),
        pct(times, 95).toFixed(2).padStart(8),
        " ",
        await plan(orgId, req),
      );
    }

    await measureExport(orgId);
  } finally {
    await close();
  }
}

/**
 * CSV export of every event, as the download route and the email stream it. The baseline is taken
 * after a small export has compiled the code path (a one-off cost, not per-row memory); RSS is
 * sampled after every chunk and by a timer, so a peak inside a batch is not missed.
 */
async function measureExport(orgId: string) {
  for await (const chunk of exportChunks(
    orgId,
    { teams: [], range: "24h", order: "newest" },
    "csv",
  ))
    void chunk;
  const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;
  const before = process.memoryUsage();
  let peak = before;
  const sample = () => {
    const now = process.memoryUsage();
    if (now.rss > peak.rss) peak = now;
  };
  const timer = setInterval(sample, 5);
  let rows = 0;
  let bytes = 0;
  const t = performance.now();
  try {
    for await (const chunk of exportChunks(orgId, { teams: [], order: "newest" }, "csv")) {
      bytes += chunk.length;
      for (let i = chunk.indexOf("\r\n"); i !== -1; i = chunk.indexOf("\r\n", i + 2)) rows += 1;
      sample();
    }
  } finally {
    clearInterval(timer);
  }
  const seconds = (performance.now() - t) / 1000;
  console.log(
    `\nexport CSV: ${(rows - 1).toLocaleString()} rows, ${(bytes / 1e6).toFixed(0)} MB in ${seconds.toFixed(1)} s = ` +
      `${Math.round((rows - 1) / seconds).toLocaleString()} rows/s; peak RSS growth ${mb(peak.rss - before.rss)} ` +
      `(V8 heap ${mb(peak.heapTotal - before.heapTotal)}, external ${mb(peak.external - before.external)})`,
  );
}

async function rareSuffix(orgId: string) {
  const [row] = await rawRows<{ name: string }>(
    handle.db,
    sql`select target_name as name from audit_events where org_id = ${orgId} and seq = 12345`,
  );
  return row?.name.split(" ").pop() ?? "zzzzzz";
}

await main();
