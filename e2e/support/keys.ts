import { expect, type Page } from "@playwright/test";

/** Closes the show-once key dialog without copying (for specs that never use the key). */
export async function dismissReveal(page: Page, title: RegExp) {
  const reveal = page.getByRole("dialog", { name: title });
  await expect(reveal).toBeVisible();
  await reveal.getByRole("button", { name: "Done" }).click();
  await page
    .getByRole("alertdialog", { name: "Close without copying the key?" })
    .getByRole("button", { name: "Close without copying" })
    .click();
  await expect(reveal).toBeHidden();
}
