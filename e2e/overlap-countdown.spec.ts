import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { expectNoA11yViolations } from "./support/a11y";
import { dismissReveal } from "./support/keys";
import { storageStateOf } from "./support/users";

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;

const tokenStatus = async (request: APIRequestContext, id: string, secret: string) =>
  (
    await request.post("/api/oauth/token", {
      form: { grant_type: "client_credentials" },
      headers: { authorization: basic(id, secret) },
    })
  ).status();

/** The countdown ticks: two readings a couple of seconds apart differ. */
async function expectTicking(page: Page, pattern: RegExp) {
  const timer = page.getByRole("timer").first();
  await expect(timer).toHaveText(pattern);
  const before = await timer.textContent();
  await expect(timer).not.toHaveText(before!, { timeout: 5_000 });
  await expect(timer).toHaveText(pattern);
}

test.describe("as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("a key's details page counts down to the end of its overlap", async ({ page }) => {
    const name = `Countdown ${Date.now()}`;
    await page.goto("/settings/integrations");
    await page.getByRole("button", { name: "Generate API Key" }).click();
    const generate = page.getByRole("dialog", { name: "Generate API Key" });
    await generate.getByLabel("Key name").fill(name);
    await generate.getByRole("button", { name: "Generate API Key" }).click();
    await dismissReveal(page, /Your new API key/);

    await page.getByRole("button", { name: `Actions for ${name}` }).click();
    await page.getByRole("menuitem", { name: "Regenerate key" }).click();
    const regenerate = page.getByRole("alertdialog", { name: `Regenerate ${name}?` });
    await regenerate.getByLabel("Old key stops working").selectOption({ label: "After 1 hour" });
    await regenerate.getByRole("button", { name: "Regenerate key" }).click();
    await dismissReveal(page, /Your regenerated API key/);

    // In the list, beside the key's status.
    const row = page.getByRole("row").filter({ hasText: name });
    await expect(row.getByRole("timer")).toHaveText(/^(59 min \d+ s|1 h 0 min 0 s) left$/);

    await page.getByRole("button", { name: `Actions for ${name}` }).click();
    await page.getByRole("menuitem", { name: "View key details" }).click();
    await expect(page.getByText("Previous key stops working")).toBeVisible();
    await expectTicking(page, /^59 min \d+ s left$/);
    // A timer is not a live region: screen readers are not interrupted every second.
    await expect(page.getByRole("timer")).not.toHaveAttribute("aria-live", /polite|assertive/);
    await expectNoA11yViolations(page);
  });

  test("rotating a client secret with an overlap keeps the old secret until End overlap now", async ({
    page,
    request,
  }) => {
    const name = `Overlap client ${Date.now()}`;
    await page.goto("/admin/api-management");
    await page.getByRole("button", { name: "ADD CLIENT", exact: true }).click();
    await page.getByLabel("API Client Name").fill(name);
    await page.getByRole("button", { name: "Save" }).click();
    const clientId = (await page.getByTestId("revealed-client-id").textContent())!.trim();
    const oldSecret = (await page.getByTestId("revealed-client-secret").textContent())!.trim();
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download credentials" }).click();
    await downloading;
    await page.getByRole("button", { name: "Back to API Management" }).click();

    await page.getByRole("link", { name, exact: true }).click();
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    await page.getByRole("button", { name: "Rotate secret" }).click();
    const rotate = page.getByRole("alertdialog", { name: `Rotate the secret of ${name}?` });
    await rotate.getByLabel("Old secret stops working").selectOption({ label: "After 24 hours" });
    await expect(rotate).toContainText("keep working for 24 hours, then stop");
    await expectNoA11yViolations(page);
    await rotate.getByRole("button", { name: "Rotate secret" }).click();
    await expect(page.getByRole("heading", { name: "New client secret generated" })).toBeVisible();
    const newSecret = (await page.getByTestId("revealed-client-secret").textContent())!.trim();
    const saving = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download credentials" }).click();
    await saving;
    await page.getByRole("button", { name: "Back to client details" }).click();

    expect(await tokenStatus(request, clientId, oldSecret)).toBe(200);
    expect(await tokenStatus(request, clientId, newSecret)).toBe(200);
    await expect(page.getByText("Previous secret stops working")).toBeVisible();
    await expectTicking(page, /^23 h 59 min \d+ s left$/);
    await expectNoA11yViolations(page);

    // The list shows it too.
    await page.getByRole("link", { name: "API Management" }).click();
    await expect(page.getByTestId(`client-row-${name}`).getByRole("timer")).toHaveText(
      /^23 h 59 min \d+ s left$/,
    );
    await page.getByRole("link", { name, exact: true }).click();

    await page.getByRole("button", { name: "End overlap now" }).click();
    const confirm = page.getByRole("alertdialog", { name: `End the overlap of ${name}?` });
    await expect(confirm).toContainText("every access token issued with it, stop working now");
    await confirm.getByRole("button", { name: "End overlap now" }).click();
    await expect(page.getByText("Previous secret stops working")).toHaveCount(0);
    expect(await tokenStatus(request, clientId, oldSecret)).toBe(401);
    expect(await tokenStatus(request, clientId, newSecret)).toBe(200);
  });
});
