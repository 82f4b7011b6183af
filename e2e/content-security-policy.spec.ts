import { expect, test, type Page } from "@playwright/test";
import { storageStateOf } from "./support/users";

// Collects what the browser blocked under the page's Content-Security-Policy.
async function watchViolations(page: Page) {
  const reported: string[] = [];
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy|Permissions-Policy/i.test(message.text())) {
      reported.push(message.text());
    }
  });
  return async () => {
    const fromPage = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
    return [...fromPage, ...reported];
  };
}

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("the sign-in page and the API reference run under the policy without a violation", async ({
    page,
  }) => {
    const violations = await watchViolations(page);
    const response = await page.goto("/login");
    const csp = response!.headers()["content-security-policy"]!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(csp.split(";").find((d) => d.trim().startsWith("script-src"))).not.toContain(
      "unsafe-inline",
    );
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    // The theme script ran (it sets the class before hydration).
    await expect(page.locator("html")).toHaveClass(/light|dark/);
    expect(await violations()).toEqual([]);

    await page.goto("/docs/api");
    await expect(page.locator(".swagger-ui .opblock").first()).toBeVisible();
    expect(await violations()).toEqual([]);
  });
});

test.describe("as an owner", () => {
  test.use({ storageState: storageStateOf("owner") });

  test("the main screens, a dialog and a toast run without a violation", async ({ page }) => {
    const violations = await watchViolations(page);
    for (const path of [
      "/settings/general",
      "/settings/integrations",
      "/settings/members",
      "/settings/teams",
      "/settings/audit-logs",
      "/admin",
      "/admin/api-management",
    ]) {
      await page.goto(path);
      await expect(page.getByRole("main")).toBeVisible();
      expect(await violations(), path).toEqual([]);
    }
    // A Radix dialog and a sonner toast.
    await page.goto("/settings/integrations");
    await page.getByRole("button", { name: "Generate API Key" }).first().click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await page.keyboard.press("Escape");
    await page.goto("/settings/audit-logs");
    await page.getByRole("button", { name: "Export audit logs" }).click();
    await expect(page.getByText(/We're preparing your export/)).toBeVisible();
    expect(await violations()).toEqual([]);
  });
});
