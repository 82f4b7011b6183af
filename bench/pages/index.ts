// npm run bench:pages — first-load JavaScript of every settings and admin page, as Chromium
// receives it from the built app (run `npm run build` first). Seeds a fresh database (its own
// database on the DATABASE_URL server, dropped afterwards; a temporary PGlite folder without it),
// starts `npm start`, signs in as the demo owner, and loads each page in a new browser context
// (empty cache), summing the bytes on the wire of every script until the network is idle.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium as browserType, type Browser, type BrowserContext } from "@playwright/test";
import postgres from "postgres";
import { chromium } from "../../playwright.config";
import { measurePage, type PageWeight } from "./measure";
import { createDetailPages } from "./setup-pages";

const BUDGET_KB = Number(process.env.BENCH_BUDGET_KB ?? 200);
const PORT = Number(process.env.BENCH_PORT ?? process.env.PORT ?? 3400);
const PASSWORD = `bench-${randomBytes(6).toString("base64url")}`;
const AUTH_SECRET = process.env.AUTH_SECRET ?? randomBytes(32).toString("base64url");
const origin = `http://localhost:${PORT}`;

const listPages = [
  "/settings/general",
  "/settings/integrations",
  "/settings/members",
  "/settings/teams",
  "/settings/audit-logs",
  "/admin",
  "/admin/api-management",
];

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")}: exit ${code}`)),
    );
  });
}

async function waitFor(url: string, server: ChildProcess, timeoutMs = 120_000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server did not answer ${url}`);
}

/** A fresh database: its own on the DATABASE_URL server, or a temporary PGlite folder. */
async function freshDatabase() {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const dir = mkdtempSync(path.join(tmpdir(), "lk-bench-pages-"));
    return {
      env: { DATABASE_URL: "", PGLITE_DIR: dir },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `lk_bench_pages_${randomBytes(4).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      const sql = postgres(base, { max: 1, onnotice: () => {} });
      await sql.unsafe(`drop database if exists ${name} with (force)`);
      await sql.end();
    },
  };
}

async function signIn(browser: Browser) {
  const context = await browser.newContext({ baseURL: origin });
  // The new key's dialog closes without a question once the key is copied.
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill("owner@acme.test");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  return context;
}

const kB = (bytes: number) => (bytes / 1000).toFixed(1);

function printTable(rows: PageWeight[]) {
  const header = [
    "page",
    "scripts",
    "wire kB",
    "bodies kB",
    "uncompressed kB",
    "encoding",
    "result",
  ];
  const lines = rows.map((r) => [
    r.path,
    String(r.scripts),
    kB(r.wireBytes),
    kB(r.bodyBytes),
    kB(r.decodedBytes),
    r.encodings.join("+") || "-",
    r.wireBytes <= BUDGET_KB * 1000 ? "PASS" : "FAIL",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(format(header));
  for (const line of lines) console.log(format(line));
  if (process.env.BENCH_SCRIPTS) {
    for (const r of rows) {
      console.log(`\n${r.path}`);
      for (const f of r.files) console.log(`  ${kB(f.wireBytes).padStart(7)}  ${f.path}`);
    }
  }
  console.log(
    `\nbudget ${BUDGET_KB} kB (1 kB = 1000 bytes) of JavaScript on the wire (headers included) per page, first load, cold cache`,
  );
}

const database = await freshDatabase();
const env: NodeJS.ProcessEnv = {
  ...process.env,
  ...database.env,
  AUTH_SECRET,
  SEED_PASSWORD: PASSWORD,
  PORT: String(PORT),
};
let server: ChildProcess | undefined;
let browser: Browser | undefined;
let failed = false;
try {
  await run("npm", ["run", "db:seed"], env);
  // Its own process group, so stopping it also stops the `next start` that npm runs.
  server = spawn("npm", ["start"], { env, stdio: ["ignore", "ignore", "inherit"], detached: true });
  await waitFor(`${origin}/api/health`, server);

  browser = await browserType.launch(chromium.launchOptions);
  const signedIn: BrowserContext = await signIn(browser);
  const detailPages = await createDetailPages(await signedIn.newPage());
  const storageState = await signedIn.storageState();
  await signedIn.close();

  const rows: PageWeight[] = [];
  for (const pagePath of [...listPages, ...detailPages]) {
    rows.push(await measurePage(browser, `${origin}${pagePath}`, storageState));
  }
  printTable(rows);
  failed = rows.some((r) => r.wireBytes > BUDGET_KB * 1000);
  const uncompressed = rows.filter((r) => r.encodings.includes("identity"));
  if (uncompressed.length) {
    console.log(`uncompressed scripts on: ${uncompressed.map((r) => r.path).join(", ")}`);
    failed = true;
  }
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  await browser?.close();
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  await database.drop();
}
process.exit(failed ? 1 : 0);
