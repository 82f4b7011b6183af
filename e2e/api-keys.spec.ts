import { expect, test, type Page } from "@playwright/test";
import { expectNoA11yViolations } from "./support/a11y";
import { storageStateOf } from "./support/users";

const KEY_FORMAT = /^lk_live_[0-9A-Za-z]{49}$/;
const INTEGRATIONS = "/settings/integrations";

/** Opens the Generate dialog, confirms it, copies the key and returns what the clipboard holds. */
async function generateKey(page: Page, name?: string, { a11y = false } = {}) {
  await page.getByRole("button", { name: "Generate API Key" }).click();
  const dialog = page.getByRole("dialog", { name: "Generate API Key" });
  await expect(dialog.getByText("only be able to see the key once")).toBeVisible();
  if (name) await dialog.getByLabel("Key name").fill(name);
  if (a11y) await expectNoA11yViolations(page);
  await dialog.getByRole("button", { name: "Generate API Key" }).click();
  return copyRevealedKey(page, { a11y });
}

async function copyRevealedKey(page: Page, { a11y = false } = {}) {
  const reveal = page.getByRole("dialog", { name: /Your (new|regenerated) API key/ });
  await expect(reveal).toBeVisible();
  const shown = await reveal.getByLabel("API key", { exact: true }).inputValue();
  if (a11y) await expectNoA11yViolations(page);
  await reveal.getByRole("button", { name: "Copy API key" }).click();
  await expect(reveal.getByRole("button", { name: "Copied" })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(shown);
  expect(copied).toMatch(KEY_FORMAT);
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();
  return copied;
}

const rowOf = (page: Page, name: string) =>
  page.getByRole("table", { name: "API keys" }).getByRole("row").filter({ hasText: name });

async function openMenu(page: Page, name: string, item: string) {
  await page.getByRole("button", { name: `Actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: item }).click();
}

test.describe("as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });
  test.beforeEach(async ({ context, baseURL }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  });

  test("generate, use, regenerate, edit and revoke a key", async ({ page, request }) => {
    await page.goto(INTEGRATIONS);
    await expect(page.getByText("No API key has been generated")).toBeVisible();
    await expect(page.getByText(/\/api\/v1/).first()).toBeVisible();
    await expect(page.getByText('-H "Authorization: Bearer <your key>"')).toBeVisible();
    await expectNoA11yViolations(page);

    const key = await generateKey(page, "Checkout", { a11y: true });
    const row = rowOf(page, "Checkout");
    await expect(row).toContainText(`lk_live_••••••••${key.slice(-4)}`);
    await expect(row).toContainText("Full");
    await expect(row).toContainText("Active");
    await expect(row).toContainText("Adam Admin");
    await expect(row).toContainText(/\w{3} \d{1,2}, \d{4}, \d{2}:\d{2}/);
    await expect(page.locator("body")).not.toContainText(key);
    await expectNoA11yViolations(page);

    const auth = (k: string) => ({ headers: { Authorization: `Bearer ${k}` } });
    const me = await request.get("/api/v1/me", auth(key));
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({
      organization: { name: "Acme" },
      credential: { type: "api_key", name: "Checkout" },
      user: { email: "admin@acme.test" },
    });

    // Regenerate: the new key is shown once, the old one stops at once.
    await openMenu(page, "Checkout", "Regenerate key");
    const regenerate = page.getByRole("alertdialog", { name: "Regenerate Checkout?" });
    await expect(regenerate).toContainText("The old key will stop working immediately");
    await expectNoA11yViolations(page);
    await regenerate.getByRole("button", { name: "Regenerate key" }).click();
    const fresh = await copyRevealedKey(page);
    expect(fresh).not.toBe(key);
    expect((await request.get("/api/v1/me", auth(key))).status()).toBe(401);
    expect((await request.get("/api/v1/me", auth(fresh))).status()).toBe(200);
    await expect(rowOf(page, "Checkout")).toContainText(`••••••••${fresh.slice(-4)}`);

    // Edit: rename and drop an API → Partial.
    await openMenu(page, "Checkout", "Edit key details");
    const edit = page.getByRole("dialog", { name: "Edit key details" });
    await edit.getByLabel("Key name").fill("Checkout v2");
    await edit.getByRole("checkbox", { name: "Push" }).click();
    await expectNoA11yViolations(page);
    await edit.getByRole("button", { name: "Save" }).click();
    await expect(edit).toBeHidden();
    const edited = rowOf(page, "Checkout v2");
    await expect(edited).toContainText("Partial");
    const push = await request.get("/api/v1/push", auth(fresh));
    expect(push.status()).toBe(403);
    expect((await push.json()).error).toBe("insufficient_scope");
    expect((await request.get("/api/v1/proposals", auth(fresh))).status()).toBe(200);

    // Details page
    await openMenu(page, "Checkout v2", "View key details");
    await expect(page.getByRole("heading", { name: "Checkout v2" })).toBeVisible();
    await expect(page.getByText("Partial: Data, Segmentation, Proposals, Reports")).toBeVisible();
    await expect(page.getByText("Last used")).toBeVisible();
    await expectNoA11yViolations(page);
    await page.getByRole("link", { name: "Back to API keys" }).click();

    // Revoke → 401 and the key is archived.
    await openMenu(page, "Checkout v2", "Revoke");
    const revoke = page.getByRole("alertdialog", { name: "Revoke Checkout v2?" });
    await expect(revoke).toContainText("cannot be undone");
    await expect(revoke).toContainText("stop working instantly");
    await expectNoA11yViolations(page);
    await revoke.getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByText("No API key has been generated")).toBeVisible();
    expect((await request.get("/api/v1/me", auth(fresh))).status()).toBe(401);
    await page.getByRole("button", { name: "View archived keys" }).click();
    const archived = page.getByRole("table", { name: "Archived API keys" });
    await expect(archived.getByRole("row").filter({ hasText: "Checkout v2" })).toBeVisible();
    await expect(archived.getByRole("button", { name: /Actions for/ })).toHaveCount(0);
    await expectNoA11yViolations(page);
  });

  test("closing the reveal before copying asks for confirmation", async ({ page }) => {
    await page.goto(INTEGRATIONS);
    await page.getByRole("button", { name: "Generate API Key" }).click();
    await page
      .getByRole("dialog", { name: "Generate API Key" })
      .getByRole("button", { name: "Generate API Key" })
      .click();
    const reveal = page.getByRole("dialog", { name: "Your new API key" });
    await expect(reveal).toBeVisible();

    await page.keyboard.press("Escape");
    const confirm = page.getByRole("alertdialog", { name: "Close without copying the key?" });
    await expect(confirm).toBeVisible();
    await expectNoA11yViolations(page);
    await confirm.getByRole("button", { name: "Go back" }).click();
    await expect(reveal).toBeVisible();

    await reveal.getByRole("button", { name: "Done" }).click();
    await expect(confirm).toBeVisible();
    await confirm.getByRole("button", { name: "Go back" }).click();

    // leaving the page is intercepted too
    const beforeUnload = new Promise<string>((resolve) =>
      page.once("dialog", async (dialog) => {
        resolve(dialog.type());
        await dialog.dismiss();
      }),
    );
    await page.close({ runBeforeUnload: true });
    expect(await beforeUnload).toBe("beforeunload");
    expect(page.isClosed()).toBe(false);
    await expect(reveal).toBeVisible();

    await reveal.getByRole("button", { name: "Done" }).click();
    await confirm.getByRole("button", { name: "Close without copying" }).click();
    await expect(reveal).toBeHidden();
    await expect(rowOf(page, "API key")).toBeVisible();
  });

  test("only the 10 most recently archived keys are kept", async ({ page }) => {
    test.setTimeout(240_000);
    await page.goto(INTEGRATIONS);
    for (let i = 1; i <= 11; i++) {
      await generateKey(page, `Rotation ${i}`);
      await openMenu(page, `Rotation ${i}`, "Revoke");
      await page
        .getByRole("alertdialog", { name: `Revoke Rotation ${i}?` })
        .getByRole("button", { name: "Revoke" })
        .click();
      await expect(rowOf(page, `Rotation ${i}`)).toHaveCount(0);
    }
    await page.getByRole("button", { name: "View archived keys" }).click();
    const archived = page.getByRole("table", { name: "Archived API keys" });
    await expect(archived.getByRole("row")).toHaveCount(11); // header + 10
    await expect(archived.getByRole("cell", { name: "Rotation 11", exact: true })).toBeVisible();
    await expect(archived.getByRole("cell", { name: "Rotation 2", exact: true })).toBeVisible();
    await expect(archived.getByRole("cell", { name: "Rotation 1", exact: true })).toHaveCount(0);
  });
});

test.describe("as a member", () => {
  test.use({ storageState: storageStateOf("member") });

  test("cannot see or open the admin's key", async ({ page, browser, baseURL }) => {
    const admin = await browser.newContext({ storageState: storageStateOf("admin"), baseURL });
    await admin.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
    const adminPage = await admin.newPage();
    await adminPage.goto(INTEGRATIONS);
    await generateKey(adminPage, "Admin only");
    await adminPage.getByRole("button", { name: "Actions for Admin only" }).click();
    const href = await adminPage
      .getByRole("menuitem", { name: "View key details" })
      .getAttribute("href");
    await admin.close();
    expect(href).toMatch(/\/settings\/integrations\/api-keys\/[0-9a-f-]{36}$/);

    await page.goto(INTEGRATIONS);
    await expect(page.getByRole("button", { name: "Generate API Key" })).toBeVisible();
    await expect(page.getByText("Admin only")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Actions for Admin only" })).toHaveCount(0);
    const response = await page.goto(href!);
    expect(response?.status()).toBe(404);
  });
});

test.describe("on a free plan", () => {
  test.use({ storageState: storageStateOf("globexOwner") });

  test("the API Keys section shows the Enterprise gate", async ({ page }) => {
    await page.goto(INTEGRATIONS);
    await expect(
      page.getByText(
        "This feature is only available for Enterprise customers. If you're not one yet, contact sales@example.com to upgrade your plan.",
      ),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: "Generate API Key" })).toHaveCount(0);
    await expectNoA11yViolations(page);
  });
});
