import { expect, test } from "@playwright/test";
import { expectNoA11yViolations } from "./support/a11y";
import { storageStateOf } from "./support/users";

test.describe("as an owner", () => {
  test.use({ storageState: storageStateOf("owner") });

  test("the settings tabs, ADMIN and the organization switcher work and pass axe", async ({
    page,
  }) => {
    for (const tab of ["General", "Integrations", "Members", "Teams"]) {
      await page.goto("/settings/general");
      await page
        .getByRole("navigation", { name: "Settings" })
        .getByRole("link", { name: tab })
        .click();
      await expect(page.getByRole("link", { name: tab })).toHaveAttribute("aria-current", "page");
      await expectNoA11yViolations(page);
    }
    await page.getByRole("link", { name: "ADMIN" }).click();
    await expect(page.getByRole("heading", { name: "Admin", level: 1 })).toBeVisible();
    await expectNoA11yViolations(page);

    await page.getByRole("button", { name: /switch organization/ }).click();
    await page.getByRole("menuitem", { name: /Globex/ }).click();
    await expect(page.getByRole("button", { name: "Globex, switch organization" })).toBeVisible();
    await page.getByRole("button", { name: /switch organization/ }).click();
    await page.getByRole("menuitem", { name: /Acme/ }).click();
    await expect(page.getByRole("button", { name: "Acme, switch organization" })).toBeVisible();
  });

  test("the user menu works from the keyboard, its first opening included", async ({ page }) => {
    await page.goto("/settings/general");
    // The menu's code loads on first use: Enter on the stand-in trigger must still open it.
    await page.getByRole("button", { name: "Olivia Owner, user menu" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("menu")).toBeVisible();
    await page.keyboard.press("ArrowDown");
    await expect(page.getByRole("menuitemradio", { name: "Light" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("menu")).toBeHidden();
    await expect(page.getByRole("button", { name: "Olivia Owner, user menu" })).toBeFocused();
  });

  test("dark theme passes axe too", async ({ page }) => {
    await page.goto("/settings/members");
    await page.getByRole("button", { name: "User menu" }).click();
    await page.getByRole("menuitemradio", { name: "Dark" }).click();
    await expect(page.locator("html")).toHaveClass(/dark/);
    await page.keyboard.press("Escape");
    await expectNoA11yViolations(page);
  });
});

test.describe("as a member", () => {
  test.use({ storageState: storageStateOf("member") });

  test("ADMIN is hidden and the admin area answers 404", async ({ page }) => {
    await page.goto("/settings/general");
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "ADMIN" })).toHaveCount(0);
    const response = await page.goto("/admin");
    expect(response?.status()).toBe(404);
  });
});

test("health reports the database", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok", database: { status: "up" } });
});
