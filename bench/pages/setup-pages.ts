import { expect, type Page } from "@playwright/test";

/**
 * The seed has no API key or OAuth client, so their details pages do not exist yet: makes one of
 * each through the screens, as a person would, and returns the paths of their details pages.
 */
export async function createDetailPages(page: Page): Promise<string[]> {
  await page.goto("/settings/integrations");
  await page.getByRole("button", { name: "Generate API Key" }).click();
  const dialog = page.getByRole("dialog", { name: "Generate API Key" });
  await dialog.getByLabel("Key name").fill("Page weight");
  await dialog.getByRole("button", { name: "Generate API Key" }).click();
  const reveal = page.getByRole("dialog", { name: /Your new API key/ });
  await reveal.getByRole("button", { name: "Copy API key" }).click();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();
  await page.getByRole("button", { name: "Actions for Page weight" }).click();
  const keyPath = await page
    .getByRole("menuitem", { name: "View key details" })
    .getAttribute("href");

  await page.goto("/admin/api-management");
  await page.getByRole("button", { name: "ADD CLIENT", exact: true }).click();
  await page.getByLabel("API Client Name").fill("Page weight");
  await page.getByRole("button", { name: "Save" }).click();
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download credentials" }).click();
  await downloading;
  await page.getByRole("button", { name: "Back to API Management" }).click();
  const clientPath = await page
    .getByTestId("client-row-Page weight")
    .getByRole("link", { name: "Page weight" })
    .getAttribute("href");

  if (!keyPath || !clientPath) throw new Error("could not find the new key's or client's page");
  return [keyPath, clientPath];
}
