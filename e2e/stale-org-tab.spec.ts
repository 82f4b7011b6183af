import { expect, test } from "@playwright/test";
import { storageStateOf } from "./support/users";

test.use({ storageState: storageStateOf("owner") });

test("a form of Acme left open in one tab does nothing after a switch to Globex in another", async ({
  context,
}) => {
  const team = `Stale tab ${Date.now().toString(36)}`;
  const acmeTab = await context.newPage();
  await acmeTab.goto("/settings/teams");
  await expect(acmeTab.getByRole("button", { name: "Acme, switch organization" })).toBeVisible();

  const otherTab = await context.newPage();
  await otherTab.goto("/settings/general");
  await otherTab.getByRole("button", { name: /switch organization/ }).click();
  await otherTab.getByRole("menuitem", { name: /Globex/ }).click();
  await expect(otherTab.getByRole("button", { name: "Globex, switch organization" })).toBeVisible();

  await acmeTab.getByLabel("Team name").fill(team);
  await acmeTab.getByRole("button", { name: "Create team" }).click();
  await expect(acmeTab.getByTestId("form-error")).toHaveText(
    "This page belongs to Acme, but you have since switched to Globex. Reload the page to continue.",
  );

  // Nothing was created in either organization.
  await acmeTab.reload();
  await expect(acmeTab.getByRole("button", { name: "Globex, switch organization" })).toBeVisible();
  await expect(acmeTab.getByText(team)).toHaveCount(0);
  await otherTab.getByRole("button", { name: /switch organization/ }).click();
  await otherTab.getByRole("menuitem", { name: /Acme/ }).click();
  await expect(otherTab.getByRole("button", { name: "Acme, switch organization" })).toBeVisible();
  await otherTab.goto("/settings/teams");
  await expect(otherTab.getByRole("heading", { name: /Teams/ }).first()).toBeVisible();
  await expect(otherTab.getByText(team)).toHaveCount(0);
});
