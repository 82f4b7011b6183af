import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { expectNoA11yViolations } from "./support/a11y";
import { storageStateOf } from "./support/users";

const CALLER = { "x-forwarded-for": "203.0.113.77", "user-agent": "usage-e2e/1.0" };

/** Generates a key without the Push API through the dialog and returns its text. */
async function generateKeyWithoutPush(page: Page, name: string) {
  await page.goto("/settings/integrations");
  await page.getByRole("button", { name: "Generate API Key" }).click();
  const dialog = page.getByRole("dialog", { name: "Generate API Key" });
  await dialog.getByLabel("Key name").fill(name);
  await dialog.getByRole("checkbox", { name: "Push" }).uncheck();
  await dialog.getByRole("button", { name: "Generate API Key" }).click();
  const reveal = page.getByRole("dialog", { name: /Your new API key/ });
  const key = await reveal.getByLabel("API key", { exact: true }).inputValue();
  await reveal.getByRole("button", { name: "Copy API key" }).click();
  await expect(reveal.getByRole("button", { name: "Copied" })).toBeVisible();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();
  return key;
}

async function get(request: APIRequestContext, path: string, key: string) {
  const response = await request.get(path, {
    headers: { Authorization: `Bearer ${key}`, ...CALLER },
  });
  return response.status();
}

const detail = (page: Page, term: string) =>
  page
    .locator("dt", { hasText: new RegExp(`^${term}$`) })
    .locator("xpath=following-sibling::dd[1]");

test.describe("as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });
  test.beforeEach(async ({ context, baseURL }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  });

  test("a key's details page charts its requests per day, with the same numbers as a table, and its last use", async ({
    page,
    request,
  }) => {
    const name = `Usage ${Date.now()}`;
    const key = await generateKeyWithoutPush(page, name);
    for (let i = 0; i < 3; i++) expect(await get(request, "/api/v1/me", key)).toBe(200);
    expect(await get(request, "/api/v1/push", key)).toBe(403);

    await page.getByRole("button", { name: `Actions for ${name}` }).click();
    await page.getByRole("menuitem", { name: "View key details" }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();

    // Counts reach the database with the server's next flush, a few seconds after the calls.
    const chartName = `Requests per day for ${name} over the last 30 days: 3 succeeded, 1 refused`;
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole("img", { name: chartName })).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByTestId("usage-summary")).toHaveText(
      "3 requests succeeded and 1 was refused in the last 30 days.",
    );
    // Today's bar: the successes, with the refusal stacked on top.
    const chart = page.getByTestId("usage-chart");
    await expect(chart.locator("[data-series]")).toHaveCount(2);
    await expect(chart.locator("[data-series=succeeded]")).toHaveCount(1);
    await expect(chart.locator("[data-series=insufficient_scope]")).toHaveCount(1);
    // Pointing at it shows its numbers.
    await chart.locator("[data-series=succeeded]").hover();
    const tooltip = chart.getByTestId("chart-tooltip");
    await expect(tooltip).toBeVisible();
    await expect(tooltip).toContainText("Succeeded3");
    await expect(tooltip).toContainText("Refused: insufficient scope1");
    await page.mouse.move(0, 0);
    await expect(tooltip).toBeHidden();

    // The table fallback: always there for assistive technology, shown on request.
    const table = page.getByRole("table", { name: /Requests per day, last 30 days/ });
    await expect(table.getByRole("row")).toHaveCount(1 + 30 + 1);
    await page.getByRole("button", { name: "Show as table" }).click();
    await expect(table).toBeVisible();
    await expect(page.getByRole("button", { name: "Hide table" })).toHaveAttribute(
      "aria-expanded",
      "true",
    );
    const headers = await table.getByRole("columnheader").allTextContents();
    expect(headers).toEqual(["Day", "Succeeded", "Refused", "Refused: insufficient scope"]);
    const today = new Date().toISOString().slice(0, 10);
    const cells = await page.getByTestId(`usage-day-${today}`).getByRole("cell").allTextContents();
    expect(cells).toEqual(["3", "1", "1"]);

    // Last used: time, IP address and user agent.
    const lastUsed = detail(page, "Last used");
    // The socket's address: the E2E server trusts no proxy (no TRUSTED_PROXIES), so the caller's
    // X-Forwarded-For is ignored.
    await expect(lastUsed.getByTestId("last-used-ip")).toHaveText(/^(127\.0\.0\.1|::1)$/);
    await expect(lastUsed.getByTestId("last-used-user-agent")).toHaveText("usage-e2e/1.0");
    await expect(lastUsed.locator("time")).toBeVisible();

    await expectNoA11yViolations(page);
  });
});
