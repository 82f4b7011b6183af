import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { expectNoA11yViolations } from "./support/a11y";
import { people, storageStateOf } from "./support/users";

const outboxDir = path.resolve(process.env.E2E_OUTBOX_DIR ?? ".data/e2e-outbox");
const suffix = `${Date.now().toString(36)}`;
const teamA = `Audit A ${suffix}`;
const teamA2 = `Audit A2 ${suffix}`;
const teamB = `Audit B ${suffix}`;

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  return rows;
}

const rows = (page: Page) => page.locator('[data-testid^="audit-row-"]');
const rowIds = async (page: Page) =>
  (await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")!))).map((t) =>
    Number(t.replace("audit-row-", "")),
  );

async function search(page: Page, text: string) {
  await page.getByLabel("Search logs by").fill(text);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(text).replace(/%20/g, "\\+")}`));
}

async function expectRowCount(page: Page, n: number) {
  await expect(rows(page)).toHaveCount(n);
}

test.describe("as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("changes show up in the audit log, filter, page, reload, download and email", async ({
    page,
  }) => {
    test.setTimeout(180_000);
    // Make changes through the UI.
    await page.goto("/settings/teams");
    for (const name of [teamA, teamB]) {
      await page.getByLabel("Team name").fill(name);
      await page.getByRole("button", { name: "Create team" }).click();
      await expect(page.getByRole("button", { name: `Rename ${name}` })).toBeVisible();
    }
    await page.getByRole("button", { name: `Rename ${teamA}` }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Team name").fill(teamA2);
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("button", { name: `Rename ${teamA2}` })).toBeVisible();
    await page
      .getByLabel(`Member to add to ${teamB}`)
      .selectOption({ label: `${people.member.name} (${people.member.email})` });
    await page
      .getByRole("article", { name: teamB })
      .getByRole("button", { name: "Add to team" })
      .click();
    const removeMember = page.getByRole("button", {
      name: `Remove ${people.member.email} from ${teamB}`,
    });
    await removeMember.click();
    await expect(removeMember).toBeHidden();

    // The screen, reached through its tab.
    await page
      .getByRole("navigation", { name: "Settings" })
      .getByRole("link", { name: "Audit logs" })
      .click();
    await expect(page.getByRole("heading", { name: "Audit logs" })).toBeVisible();
    await expectNoA11yViolations(page);

    // Search alone: the five changes made above.
    await search(page, suffix);
    await expectRowCount(page, 5);
    await expect(page.getByText(`renamed from ${teamA} to ${teamA2}`)).toBeVisible();
    await expect(page.getByText(`added ${people.member.email}`)).toBeVisible();
    await expect(page.getByText(`removed ${people.member.email}`)).toBeVisible();
    for (const cell of await rows(page).all()) {
      await expect(cell).toContainText(people.admin.name);
    }

    // Action combined with search, then alone.
    await page.getByLabel("Action").selectOption({ label: "Update" });
    await expect(page).toHaveURL(/action=update/);
    await expectRowCount(page, 3);
    await expectNoA11yViolations(page);

    // Team(s) combined with action and search: the member added to and removed from team B.
    await page.getByRole("button", { name: /Team\(s\)/ }).click();
    await page.getByRole("checkbox", { name: teamB }).click();
    await page.keyboard.press("Escape");
    await expect(page).toHaveURL(/team=/);
    await expectRowCount(page, 2);

    // The same view from its URL, reloaded: the same rows.
    const combinedIds = await rowIds(page);
    await page.reload();
    await expectRowCount(page, 2);
    expect(await rowIds(page)).toEqual(combinedIds);

    // Email export of the current filter lands in the outbox.
    const before = new Set(await readdir(outboxDir).catch(() => [] as string[]));
    await page.getByRole("button", { name: "Export audit logs" }).click();
    await expect(
      page.getByText(`We're preparing your export — it will be emailed to ${people.admin.email}`),
    ).toBeVisible();
    // The message is built after the answer, so it lands a moment later.
    const newMessages = async () =>
      (await readdir(outboxDir).catch(() => [] as string[])).filter(
        (f) => !before.has(f) && f.endsWith(".eml"),
      );
    await expect.poll(newMessages, { timeout: 30_000 }).toHaveLength(1);
    const added = await newMessages();
    const eml = await readFile(path.join(outboxDir, added[0]!), "utf8");
    expect(eml).toContain(`To: ${people.admin.email}`);
    expect(eml).toMatch(/filename=.?audit-log-.*\.csv/);

    // Download of the current filter: the CSV's rows are the rows on screen.
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download CSV" }).click();
    const download = await downloading;
    const csv = parseCsv(await readFile((await download.path())!, "utf8"));
    const header = csv[0]!;
    expect(csv.slice(1).map((r) => Number(r[header.indexOf("event_id")]))).toEqual(combinedIds);

    // Team alone.
    await page.goto(`/settings/audit-logs`);
    await page.getByRole("button", { name: /Team\(s\)/ }).click();
    await page.getByRole("checkbox", { name: teamB }).click();
    await page.keyboard.press("Escape");
    await expect(page).toHaveURL(/team=/);
    await expectRowCount(page, 3); // created, member added, member removed
    for (const cell of await rows(page).all()) await expect(cell).toContainText(teamB);

    // Action alone.
    await page.goto(`/settings/audit-logs?action=delete`);
    await expect(page.getByLabel("Action")).toHaveValue("delete");
    for (const cell of await rows(page).all()) {
      await expect(cell.getByText("Delete", { exact: true })).toBeVisible();
    }

    // Actor alone: System wrote the seed; Adam Admin wrote the changes above.
    await page.goto(`/settings/audit-logs`);
    await page.getByLabel("Actor").selectOption({ label: "System" });
    await expect(page).toHaveURL(/actor=system/);
    await expect(rows(page).first()).toContainText("System");
    for (const cell of await rows(page).all()) await expect(cell).toContainText("System");
    await page
      .getByLabel("Actor")
      .selectOption({ label: `${people.admin.name} (${people.admin.email})` });
    await expect(page).not.toHaveURL(/actor=system/);
    for (const cell of await rows(page).all()) await expect(cell).toContainText(people.admin.name);

    // Date time range alone: the last 24 hours hold our changes; a range in the past holds none.
    await page.goto(`/settings/audit-logs`);
    await page.getByLabel("Date time range").selectOption({ label: "Last 24 hours" });
    await expect(page).toHaveURL(/range=24h/);
    await expect(page.getByText(`renamed from ${teamA} to ${teamA2}`)).toBeVisible();
    await page.getByLabel("Date time range").selectOption({ label: "Custom range" });
    await page.getByLabel("From", { exact: true }).fill("2020-01-01T00:00");
    await page.getByLabel("To", { exact: true }).fill("2020-12-31T23:59");
    await page.getByRole("button", { name: "Apply range" }).click();
    await expect(page).toHaveURL(/from=2020/);
    await expect(page.getByText("No audit events match these filters")).toBeVisible();
    await expectNoA11yViolations(page);
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/settings\/audit-logs$/);
    await expect(rows(page).first()).toBeVisible();

    // Keyset pages of two: forward to the end, back again, and a reloaded page keeps its rows.
    await page.goto(`/settings/audit-logs?q=${suffix}&pageSize=2`);
    await expectRowCount(page, 2);
    const page1 = await rowIds(page);
    await page.getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL(/after=/);
    await expect
      .poll(async () => (await rowIds(page)).some((id) => page1.includes(id)))
      .toBe(false);
    await expectRowCount(page, 2);
    const page2 = await rowIds(page);
    await page.getByRole("link", { name: "Next page" }).click();
    await expectRowCount(page, 1);
    await expect(page.getByRole("button", { name: "Next page" })).toBeDisabled();
    const page3 = await rowIds(page);
    expect(new Set([...page1, ...page2, ...page3]).size).toBe(5);
    await page.reload();
    expect(await rowIds(page)).toEqual(page3);
    await page.getByRole("link", { name: "Previous page" }).click();
    await expect(page).toHaveURL(/before=/);
    // Pages 1 and 2 both hold two rows: wait for the rows themselves, not their count.
    await expect.poll(() => rowIds(page)).toEqual(page2);
    await page.getByRole("link", { name: "Previous page" }).click();
    await expect.poll(() => rowIds(page)).toEqual(page1);
    await expect(page.getByRole("button", { name: "Previous page" })).toBeDisabled();

    // Oldest first reverses the order.
    await page.goto(`/settings/audit-logs?q=${suffix}`);
    const newest = await rowIds(page);
    await page.getByRole("link", { name: /^Time, newest first/ }).click();
    await expect(page).toHaveURL(/order=oldest/);
    await expect.poll(() => rowIds(page)).toEqual([...newest].reverse());
  });
});

test.describe("as a member", () => {
  test.use({ storageState: storageStateOf("member") });

  test("the audit log is not there: no tab, 404 page, refused export", async ({ page }) => {
    await page.goto("/settings/general");
    await expect(
      page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Audit logs" }),
    ).toHaveCount(0);
    const response = await page.goto("/settings/audit-logs");
    expect(response?.status()).toBe(404);
    const exported = await page.request.post("/api/audit-logs/export", {
      form: { format: "csv", query: "" },
    });
    expect(exported.status()).toBe(403);
    // Exporting writes an audit event: never on a GET.
    expect((await page.request.get("/api/audit-logs/export?format=csv")).status()).toBe(405);
  });
});
