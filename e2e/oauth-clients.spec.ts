import { readFile } from "node:fs/promises";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { expectNoA11yViolations } from "./support/a11y";
import { storageStateOf } from "./support/users";

const WARNING =
  "Once you leave this screen, the generated credentials will no longer be available. Please download them before navigating away from this page";

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;

function requestToken(request: APIRequestContext, id: string, secret: string) {
  return request.post("/api/oauth/token", {
    form: { grant_type: "client_credentials" },
    headers: { authorization: basic(id, secret) },
  });
}

async function revealed(page: Page) {
  return {
    clientId: (await page.getByTestId("revealed-client-id").textContent())!.trim(),
    clientSecret: (await page.getByTestId("revealed-client-secret").textContent())!.trim(),
  };
}

async function openRowMenu(page: Page, name: string) {
  await page.getByRole("button", { name: `Actions for ${name}` }).click();
}

test.describe("as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("a refused save keeps the name and the APIs as chosen", async ({ page }) => {
    const apis = ["Data", "Segmentation", "Push", "Proposals", "Reports"];
    await page.goto("/admin/api-management");
    await page.getByRole("button", { name: "ADD CLIENT", exact: true }).click();
    await page.getByLabel("API Client Name").fill("Nothing chosen");
    for (const api of apis) await page.getByRole("checkbox", { name: api }).uncheck();
    await page.getByRole("button", { name: "Save" }).click();

    await expect(page.getByText("Select at least one API.")).toBeVisible();
    await expect(page.getByLabel("API Client Name")).toHaveValue("Nothing chosen");
    for (const api of apis)
      await expect(page.getByRole("checkbox", { name: api })).not.toBeChecked();
    await page.getByRole("checkbox", { name: "Proposals" }).check();
    for (const api of apis) {
      await expect(page.getByRole("checkbox", { name: api })).toBeChecked({
        checked: api === "Proposals",
      });
    }
  });

  test("create, download, use, rotate and revoke an OAuth client", async ({ page, request }) => {
    const name = `Reporting ${Date.now()}`;
    await page.goto("/settings/general");
    await page.getByRole("link", { name: "ADMIN" }).click();
    await expectNoA11yViolations(page);
    await page.getByRole("link", { name: /API Management/ }).click();
    await expect(page.getByRole("heading", { name: "API Management", level: 1 })).toBeVisible();
    await expectNoA11yViolations(page);

    await page.getByRole("button", { name: "ADD CLIENT", exact: true }).click();
    await page.getByLabel("API Client Name").fill(name);
    await expect(page.getByRole("checkbox", { name: "Data" })).toBeChecked();
    await page.getByRole("button", { name: "Save" }).click();

    await expect(
      page.getByRole("heading", { name: "Client credentials generated successfully" }),
    ).toBeVisible();
    await expect(page.getByTestId("credentials-warning")).toHaveText(WARNING);
    const shown = await revealed(page);
    expect(shown.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(shown.clientSecret).toMatch(/^lkcs_[0-9A-Za-z]{49}$/);
    await expectNoA11yViolations(page);

    // Leaving through an in-app link before downloading asks first; staying keeps the secret.
    await page.getByRole("link", { name: "Admin", exact: true }).click();
    const dialog = page.getByRole("alertdialog", { name: "Leave without downloading?" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Stay on this page" }).click();
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/\/admin\/api-management$/);
    await expect(page.getByTestId("revealed-client-secret")).toHaveText(shown.clientSecret);

    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download credentials" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`${name}-credentials.json`);
    const file = JSON.parse(await readFile((await download.path())!, "utf8"));
    expect(file).toEqual({
      clientName: name,
      clientId: shown.clientId,
      clientSecret: shown.clientSecret,
    });

    // Once downloaded, leaving needs no confirmation.
    await page.getByRole("button", { name: "Back to API Management" }).click();
    const row = page.getByTestId(`client-row-${name}`);
    await expect(row).toContainText(shown.clientId);
    await expect(row).toContainText("Active");
    await expect(row).toContainText("Full");
    await expect(page.getByTestId("revealed-client-secret")).toHaveCount(0);

    const first = await requestToken(request, file.clientId, file.clientSecret);
    expect(first.status()).toBe(200);
    expect(first.headers()["cache-control"]).toBe("no-store");
    const body = await first.json();
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3600 });
    expect(body.access_token.split(".")).toHaveLength(3);

    // Rotate: the new secret is shown once; the old one dies at once.
    await openRowMenu(page, name);
    await page.getByRole("menuitem", { name: "Rotate secret" }).click();
    await page
      .getByRole("alertdialog", { name: `Rotate the secret of ${name}?` })
      .getByRole("button", { name: "Rotate secret" })
      .click();
    await expect(page.getByRole("heading", { name: "New client secret generated" })).toBeVisible();
    await expect(page.getByTestId("credentials-warning")).toHaveText(WARNING);
    const rotated = await revealed(page);
    expect(rotated.clientId).toBe(shown.clientId);
    expect(rotated.clientSecret).not.toBe(shown.clientSecret);

    const old = await requestToken(request, shown.clientId, shown.clientSecret);
    expect(old.status()).toBe(401);
    expect((await old.json()).error).toBe("invalid_client");
    expect((await requestToken(request, rotated.clientId, rotated.clientSecret)).status()).toBe(
      200,
    );

    // Leaving without downloading, confirmed, goes where the link pointed.
    await page.getByRole("link", { name: "Admin", exact: true }).click();
    await page
      .getByRole("alertdialog", { name: "Leave without downloading?" })
      .getByRole("button", { name: "Leave without downloading" })
      .click();
    await expect(page).toHaveURL(/\/admin$/);
    // The guard left no extra history entry: one Back is API Management, the next the admin page.
    await page.goBack();
    await expect(page.getByRole("heading", { name: "API Management", level: 1 })).toBeVisible();
    await page.goBack();
    await expect(page).toHaveURL(/\/admin$/);

    // Revoke: the token endpoint refuses the client from then on.
    await page.goto("/admin/api-management");
    await openRowMenu(page, name);
    await page.getByRole("menuitem", { name: "Revoke" }).click();
    await page
      .getByRole("alertdialog", { name: `Revoke ${name}?` })
      .getByRole("button", { name: "Revoke" })
      .click();
    await expect(page.getByTestId(`client-row-${name}`)).toContainText("Revoked");
    const refused = await requestToken(request, rotated.clientId, rotated.clientSecret);
    expect(refused.status()).toBe(401);
    expect((await refused.json()).error).toBe("invalid_client");
    await expectNoA11yViolations(page);
  });
});

test.describe("the browser's Back button on the credentials screen", () => {
  test.use({ storageState: storageStateOf("admin") });

  async function addClient(page: Page, name: string) {
    await page.goto("/admin");
    await page.getByRole("link", { name: /API Management/ }).click();
    await expect(page.getByRole("heading", { name: "API Management", level: 1 })).toBeVisible();
    await page.getByRole("button", { name: "ADD CLIENT", exact: true }).click();
    await page.getByLabel("API Client Name").fill(name);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(
      page.getByRole("heading", { name: "Client credentials generated successfully" }),
    ).toBeVisible();
    return revealed(page);
  }

  test("asks before downloading, stays on request, and leaves when confirmed", async ({ page }) => {
    const shown = await addClient(page, `Back ${Date.now()}`);
    const dialog = page.getByRole("alertdialog", { name: "Leave without downloading?" });

    await page.goBack();
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Stay on this page" }).click();
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/\/admin\/api-management$/);
    await expect(page.getByTestId("revealed-client-secret")).toHaveText(shown.clientSecret);

    // Staying re-arms the guard: Back asks again, and confirming goes back for real.
    await page.goBack();
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Leave without downloading" }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole("link", { name: /API Management/ })).toBeVisible();
    await expect(dialog).toHaveCount(0);
  });

  test("leaves without asking once the credentials are downloaded", async ({ page }) => {
    await addClient(page, `Downloaded ${Date.now()}`);
    const entryIndex = () =>
      page.evaluate(
        () =>
          (window as unknown as { navigation: { currentEntry: { index: number } } }).navigation
            .currentEntry.index,
      );
    const guarded = await entryIndex();
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download credentials" }).click();
    await downloading;
    await expect(page.getByText("Credentials downloaded.")).toBeVisible();
    // The screen steps off its extra history entry on download; a person is never faster.
    await expect.poll(entryIndex).toBe(guarded - 1);

    // One Back reaches the page before API Management: no confirmation, no leftover entry.
    await page.goBack();
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole("link", { name: /API Management/ })).toBeVisible();
    await expect(page.getByRole("alertdialog")).toHaveCount(0);

    // Forward returns to API Management, which shows the list: the secret is gone for good.
    await page.goForward();
    await expect(page.getByRole("heading", { name: "API Management", level: 1 })).toBeVisible();
    await expect(page.getByTestId("revealed-client-secret")).toHaveCount(0);
  });
});

test.describe("as a member", () => {
  test.use({ storageState: storageStateOf("member") });

  test("sees no ADMIN button and gets 404 for the admin pages", async ({ page }) => {
    await page.goto("/settings/general");
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "ADMIN" })).toHaveCount(0);
    for (const path of ["/admin", "/admin/api-management"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
    }
  });
});

test("the token endpoint and discovery documents answer without a session", async ({ request }) => {
  const get = await request.get("/api/oauth/token");
  expect(get.status()).toBe(405);
  expect(get.headers()["allow"]).toBe("POST");
  const meta = await (await request.get("/.well-known/oauth-authorization-server")).json();
  expect(meta.grant_types_supported).toEqual(["client_credentials"]);
  const jwks = await (await request.get(meta.jwks_uri)).json();
  expect(jwks.keys.length).toBeGreaterThan(0);
});
