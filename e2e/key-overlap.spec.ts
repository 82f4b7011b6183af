import { expect, test, type Page } from "@playwright/test";
import { expectNoA11yViolations } from "./support/a11y";
import { storageStateOf } from "./support/users";

/** Copies the key the reveal dialog shows, closes it and returns the key. */
async function copyRevealedKey(page: Page) {
  const reveal = page.getByRole("dialog", { name: /Your (new|regenerated) API key/ });
  await expect(reveal).toBeVisible();
  await reveal.getByRole("button", { name: "Copy API key" }).click();
  await expect(reveal.getByRole("button", { name: "Copied" })).toBeVisible();
  const key = await page.evaluate(() => navigator.clipboard.readText());
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();
  return key;
}

test.describe("as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });
  test.beforeEach(async ({ context, baseURL }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  });

  test("ends a regenerate's overlap early from the key details page", async ({ page, request }) => {
    const name = `Overlap ${Date.now()}`;
    const status = async (key: string) =>
      (await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${key}` } })).status();

    await page.goto("/settings/integrations");
    await page.getByRole("button", { name: "Generate API Key" }).click();
    const generate = page.getByRole("dialog", { name: "Generate API Key" });
    await generate.getByLabel("Key name").fill(name);
    await generate.getByRole("button", { name: "Generate API Key" }).click();
    const old = await copyRevealedKey(page);

    await page.getByRole("button", { name: `Actions for ${name}` }).click();
    await page.getByRole("menuitem", { name: "View key details" }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();
    await expect(page.getByRole("button", { name: "End overlap now" })).toHaveCount(0);

    await page.getByRole("button", { name: "Regenerate key" }).click();
    const regenerate = page.getByRole("alertdialog", { name: `Regenerate ${name}?` });
    await regenerate.getByLabel("Old key stops working").selectOption({ label: "After 24 hours" });
    await regenerate.getByRole("button", { name: "Regenerate key" }).click();
    const fresh = await copyRevealedKey(page);
    expect(await status(old)).toBe(200);
    expect(await status(fresh)).toBe(200);

    await expect(page.getByText("Previous key stops working")).toBeVisible();
    await expectNoA11yViolations(page);
    await page.getByRole("button", { name: "End overlap now" }).click();
    const confirm = page.getByRole("alertdialog", { name: `End the overlap of ${name}?` });
    await expect(confirm).toContainText("The previous key stops working now");
    await expectNoA11yViolations(page);
    await confirm.getByRole("button", { name: "End overlap now" }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByText("Previous key stops working")).toHaveCount(0);
    expect(await status(old)).toBe(401);
    expect(await status(fresh)).toBe(200);
  });
});
