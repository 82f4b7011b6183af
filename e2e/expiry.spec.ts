import { addDays, format, set } from "date-fns";
import { expect, test } from "@playwright/test";
import { expectNoA11yViolations } from "./support/a11y";
import { storageStateOf } from "./support/users";

test.describe("credential expiry, as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });
  test.beforeEach(async ({ context, baseURL }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  });

  test("a key generated to expire in 30 days says so, and Edit can move its expiry", async ({
    page,
    request,
  }) => {
    const name = `Expiring ${Date.now()}`;
    await page.goto("/settings/integrations");
    await page.getByRole("button", { name: "Generate API Key" }).click();
    const dialog = page.getByRole("dialog", { name: "Generate API Key" });
    await dialog.getByLabel("Key name").fill(name);
    await expect(dialog.getByLabel("Expiration", { exact: true })).toHaveValue("never");
    await dialog.getByLabel("Expiration", { exact: true }).selectOption({ label: "30 days" });
    await expectNoA11yViolations(page);
    await dialog.getByRole("button", { name: "Generate API Key" }).click();

    const reveal = page.getByRole("dialog", { name: /Your new API key/ });
    const key = await reveal.getByLabel("API key", { exact: true }).inputValue();
    await reveal.getByRole("button", { name: "Copy API key" }).click();
    await reveal.getByRole("button", { name: "Done" }).click();

    const row = page
      .getByRole("table", { name: "API keys" })
      .getByRole("row")
      .filter({ hasText: name });
    await expect(row).toContainText("Expires in 30 days");
    const me = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${key}` } });
    expect(me.status()).toBe(200);

    // Edit key details: a date ten days ahead, which the picker offers from today on.
    const date = addDays(new Date(), 10);
    await page.getByRole("button", { name: `Actions for ${name}` }).click();
    await page.getByRole("menuitem", { name: "Edit key details" }).click();
    const edit = page.getByRole("dialog", { name: "Edit key details" });
    await expect(edit.getByLabel("Expiration", { exact: true })).toHaveValue("keep");
    await edit.getByLabel("Expiration", { exact: true }).selectOption({ label: "Custom date" });
    await edit.getByLabel("Expiration date").fill(format(date, "yyyy-MM-dd"));
    await expectNoA11yViolations(page);
    await edit.getByRole("button", { name: "Save" }).click();
    await expect(edit).toBeHidden();
    await expect(row).toContainText("Expires in 10 days");

    // The details page shows the date itself: the end of the chosen day.
    await page.getByRole("button", { name: `Actions for ${name}` }).click();
    await page.getByRole("menuitem", { name: "View key details" }).click();
    const endOfDay = set(date, { hours: 23, minutes: 59 });
    await expect(page.getByText(format(endOfDay, "MMM d, yyyy, HH:mm"))).toBeVisible();
    await expect(page.getByText("(Expires in 10 days)")).toBeVisible();
  });

  test("a client added with an expiry date shows it, and its Edit can take it away", async ({
    page,
  }) => {
    const name = `Expiring client ${Date.now()}`;
    const date = addDays(new Date(), 10);
    await page.goto("/admin/api-management");
    await page.getByRole("button", { name: "ADD CLIENT", exact: true }).click();
    await page.getByLabel("API Client Name").fill(name);
    await page.getByLabel("Expiration", { exact: true }).selectOption({ label: "Custom date" });
    await page.getByLabel("Expiration date").fill(format(date, "yyyy-MM-dd"));
    await expectNoA11yViolations(page);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(
      page.getByRole("heading", { name: "Client credentials generated successfully" }),
    ).toBeVisible();
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download credentials" }).click();
    await downloading;
    await page.getByRole("button", { name: "Back to API Management" }).click();

    const row = page.getByTestId(`client-row-${name}`);
    await expect(row).toContainText("Active");
    await expect(row).toContainText("Expires in 10 days");

    await row.getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    const endOfDay = set(date, { hours: 23, minutes: 59 });
    await expect(page.getByText(format(endOfDay, "PP p"))).toBeVisible();

    await page.getByRole("button", { name: "Edit client" }).click();
    const edit = page.getByRole("dialog", { name: `Edit ${name}` });
    await edit.getByLabel("Expiration", { exact: true }).selectOption({ label: "Never" });
    await edit.getByRole("button", { name: "Save" }).click();
    await expect(edit).toBeHidden();
    await page.goto("/admin/api-management");
    await expect(page.getByTestId(`client-row-${name}`)).not.toContainText("Expires in");
  });
});
