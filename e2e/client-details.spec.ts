import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { expectNoA11yViolations } from "./support/a11y";
import { storageStateOf } from "./support/users";

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;

async function token(request: APIRequestContext, id: string, secret: string) {
  const response = await request.post("/api/oauth/token", {
    form: { grant_type: "client_credentials" },
    headers: { authorization: basic(id, secret), "user-agent": "e2e-reporter/1.0" },
  });
  return { status: response.status(), body: await response.json() };
}

/** Adds a client through ADD CLIENT, downloads its credentials and returns to the list. */
async function addClient(page: Page, name: string) {
  await page.goto("/admin/api-management");
  await page.getByRole("button", { name: "ADD CLIENT", exact: true }).click();
  await page.getByLabel("API Client Name").fill(name);
  await page.getByRole("button", { name: "Save" }).click();
  const clientId = (await page.getByTestId("revealed-client-id").textContent())!.trim();
  const clientSecret = (await page.getByTestId("revealed-client-secret").textContent())!.trim();
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download credentials" }).click();
  await downloading;
  await page.getByRole("button", { name: "Back to API Management" }).click();
  await expect(page.getByTestId(`client-row-${name}`)).toBeVisible();
  return { clientId, clientSecret };
}

const detail = (page: Page, term: string) =>
  page
    .locator("dt", { hasText: new RegExp(`^${term}$`) })
    .locator("xpath=following-sibling::dd[1]");

test.describe("as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("from an audit row for a client to its details page, and its actions there", async ({
    page,
    request,
  }) => {
    const name = `Ledger sync ${Date.now()}`;
    const created = await addClient(page, name);
    const first = await token(request, created.clientId, created.clientSecret);
    expect(first.status).toBe(200);

    // The audit log's target link leads to the client's page.
    await page.goto("/settings/audit-logs");
    await page.getByLabel("Search logs by").fill(name);
    await page.getByRole("button", { name: "Search", exact: true }).click();
    const row = page.locator('[data-testid^="audit-row-"]').filter({ hasText: name });
    await expect(row).toHaveCount(1);
    await row.getByRole("link", { name, exact: true }).click();
    await expect(page).toHaveURL(/\/admin\/api-management\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    await expect(page.getByTestId("client-id")).toHaveText(created.clientId);
    await expect(detail(page, "APIs")).toHaveText(
      "Full: Data, Segmentation, Push, Proposals, Reports",
    );
    await expect(detail(page, "Status")).toHaveText("Active");
    await expect(detail(page, "Created by")).toHaveText("Adam Admin");
    await expect(detail(page, "Secret rotated")).toHaveText("Never");
    await expect(detail(page, "Last used")).toContainText("e2e-reporter/1.0");
    await expectNoA11yViolations(page);
    const detailsUrl = page.url();

    // Rotate secret: shown once, then back to the details, where the rotation now shows.
    await page.getByRole("button", { name: "Rotate secret" }).click();
    const rotate = page.getByRole("alertdialog", { name: `Rotate the secret of ${name}?` });
    await expect(rotate).toContainText("every access token issued with it");
    await rotate.getByRole("button", { name: "Rotate secret" }).click();
    await expect(page.getByRole("heading", { name: "New client secret generated" })).toBeVisible();
    const rotatedSecret = (await page.getByTestId("revealed-client-secret").textContent())!.trim();
    expect(rotatedSecret).not.toBe(created.clientSecret);
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download credentials" }).click();
    await downloading;
    await page.getByRole("button", { name: "Back to client details" }).click();
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    expect(page.url()).toBe(detailsUrl);
    await expect(detail(page, "Secret rotated")).not.toHaveText("Never");
    // The token bought before the rotation died with the old secret.
    const me = await request.get("/api/v1/me", {
      headers: { Authorization: `Bearer ${first.body.access_token}` },
    });
    expect(me.status()).toBe(401);
    expect((await token(request, created.clientId, rotatedSecret)).status).toBe(200);

    // Edit the client's APIs.
    await page.getByRole("button", { name: "Edit client" }).click();
    const edit = page.getByRole("dialog", { name: `Edit ${name}` });
    await edit.getByRole("checkbox", { name: "Push" }).uncheck();
    await expectNoA11yViolations(page);
    await edit.getByRole("button", { name: "Save" }).click();
    await expect(edit).toBeHidden();
    await expect(detail(page, "APIs")).toHaveText(
      "Partial: Data, Segmentation, Proposals, Reports",
    );

    // Revoke: the page stays, showing the client revoked and no more actions.
    await page.getByRole("button", { name: "Revoke" }).click();
    await page
      .getByRole("alertdialog", { name: `Revoke ${name}?` })
      .getByRole("button", { name: "Revoke" })
      .click();
    await expect(detail(page, "Status")).toHaveText("Revoked");
    await expect(page.getByRole("button", { name: "Rotate secret" })).toHaveCount(0);
    expect((await token(request, created.clientId, rotatedSecret)).status).toBe(401);
    await expectNoA11yViolations(page);

    // The clients table links each name to the same page.
    await page.getByRole("link", { name: "API Management" }).click();
    await page.getByRole("link", { name, exact: true }).click();
    await expect(page).toHaveURL(detailsUrl);
  });
});

test.describe("anyone but the organization's admins", () => {
  test.use({ storageState: storageStateOf("member") });

  test("gets 404 for a client's details page", async ({ page, browser, baseURL }) => {
    const admin = await browser.newContext({ storageState: storageStateOf("admin"), baseURL });
    const adminPage = await admin.newPage();
    const name = `Private ${Date.now()}`;
    await addClient(adminPage, name);
    await adminPage.getByRole("link", { name, exact: true }).click();
    await expect(adminPage.getByRole("heading", { name, level: 1 })).toBeVisible();
    const href = new URL(adminPage.url()).pathname;
    await admin.close();

    // a member of the same organization
    expect((await page.goto(href))?.status()).toBe(404);
    await expect(page.getByText(name)).toHaveCount(0);

    // the owner of another organization
    const globex = await browser.newContext({
      storageState: storageStateOf("globexOwner"),
      baseURL,
    });
    const globexPage = await globex.newPage();
    expect((await globexPage.goto(href))?.status()).toBe(404);
    await expect(globexPage.getByText(name)).toHaveCount(0);
    await globex.close();
  });
});
