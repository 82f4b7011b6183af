import { expect, test, type Page } from "@playwright/test";
import { expectNoA11yViolations } from "./support/a11y";
import { dismissReveal } from "./support/keys";
import { storageStateOf } from "./support/users";

const detail = (page: Page, term: string) =>
  page
    .locator("dt", { hasText: new RegExp(`^${term}$`) })
    .locator("xpath=following-sibling::dd[1]");

test.describe("as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("a bad IP allowlist entry is named in the Generate form; a good list and limit are kept", async ({
    page,
  }) => {
    const name = `Office only ${Date.now()}`;
    await page.goto("/settings/integrations");
    await page.getByRole("button", { name: "Generate API Key" }).click();
    const generate = page.getByRole("dialog", { name: "Generate API Key" });
    await generate.getByLabel("Key name").fill(name);
    const allowlist = generate.getByLabel("IP allowlist (optional)");
    await allowlist.fill("198.51.100.0/24\n203.0.113.0/33\n2001:db8::/32");
    await generate.getByLabel("Rate limit (requests per minute, optional)").fill("600");
    await generate.getByRole("button", { name: "Generate API Key" }).click();

    const error = generate.getByTestId("ipAllowlist-error");
    await expect(error).toContainText("203.0.113.0/33 is not a valid IP address or range");
    await expect(allowlist).toHaveAttribute("aria-invalid", "true");
    // the field points at its error for screen readers, and what was typed is kept
    await expect(allowlist).toHaveAccessibleDescription(/203\.0\.113\.0\/33 is not a valid/);
    await expect(allowlist).toHaveValue("198.51.100.0/24\n203.0.113.0/33\n2001:db8::/32");
    await expectNoA11yViolations(page);

    await allowlist.fill("198.51.100.0/24\n203.0.113.0/24\n2001:db8::/32");
    await generate.getByRole("button", { name: "Generate API Key" }).click();
    await dismissReveal(page, /Your new API key/);

    await page.getByRole("button", { name: `Actions for ${name}` }).click();
    await page.getByRole("menuitem", { name: "View key details" }).click();
    await expect(detail(page, "IP allowlist")).toHaveText(
      "198.51.100.0/24203.0.113.0/242001:db8::/32",
    );
    await expect(detail(page, "Rate limit")).toHaveText("600 requests per minute");

    // Edit names a bad entry too, and a fixed list replaces the old one.
    await page.getByRole("button", { name: "Edit key details" }).click();
    const edit = page.getByRole("dialog", { name: "Edit key details" });
    await edit.getByLabel("IP allowlist (optional)").fill("10.0.0.0/8, 300.1.1.1");
    await edit.getByRole("button", { name: "Save" }).click();
    await expect(edit.getByTestId("ipAllowlist-error")).toContainText(
      "300.1.1.1 is not a valid IP address or range",
    );
    await edit.getByLabel("IP allowlist (optional)").fill("10.0.0.0/8");
    await edit.getByLabel("Rate limit (requests per minute, optional)").fill("");
    await edit.getByRole("button", { name: "Save" }).click();
    await expect(edit).toBeHidden();
    await expect(detail(page, "IP allowlist")).toHaveText("10.0.0.0/8");
    await expect(detail(page, "Rate limit")).toHaveText("No limit");

    // Revoked, so the specs after this one start from the admin's empty key list.
    await page.getByRole("button", { name: "Revoke" }).click();
    await page
      .getByRole("alertdialog", { name: `Revoke ${name}?` })
      .getByRole("button", { name: "Revoke" })
      .click();
    await expect(page).toHaveURL(/\/settings\/integrations$/);
  });

  test("a bad IP allowlist entry is named when adding an OAuth client", async ({ page }) => {
    await page.goto("/admin/api-management");
    await page.getByRole("button", { name: "ADD CLIENT", exact: true }).click();
    await page.getByLabel("API Client Name").fill(`Allowlisted ${Date.now()}`);
    await page.getByLabel("IP allowlist (optional)").fill("2001:db8::/129");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("ipAllowlist-error")).toContainText(
      "2001:db8::/129 is not a valid IP address or range",
    );
    await expect(page.getByTestId("revealed-client-secret")).toHaveCount(0);
  });
});
