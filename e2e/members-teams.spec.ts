import { expect, test } from "@playwright/test";
import { expectNoA11yViolations } from "./support/a11y";
import { signIn, storageStateOf } from "./support/users";

const suffix = Date.now().toString(36);

test.describe("as the owner", () => {
  test.use({ storageState: storageStateOf("owner") });

  test("adds a member who can then sign in, changes their role and removes them", async ({
    page,
    browser,
  }) => {
    const email = `newcomer-${suffix}@acme.test`;
    await page.goto("/settings/members");
    await page.getByRole("button", { name: "Add member" }).click();
    const dialog = page.getByRole("dialog", { name: "Add member" });
    await expectNoA11yViolations(page);
    await dialog.getByLabel("Email").fill(email);
    await dialog.getByLabel("Name").fill("Nina Newcomer");
    await dialog.getByLabel("Initial password").fill("short");
    await dialog.getByRole("button", { name: "Add member" }).click();
    await expect(dialog.getByTestId("password-error")).toBeVisible();
    await expect(dialog.getByLabel("Email")).toHaveValue(email);
    await dialog.getByLabel("Initial password").fill("newcomer-password-1");
    await dialog.getByRole("button", { name: "Add member" }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByTestId(`member-row-${email}`);
    await expect(row).toContainText("Nina Newcomer");
    await expect(row).toContainText("member");

    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signIn(otherPage, { email }, "newcomer-password-1");
    await expect(otherPage.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    await other.close();

    await row.getByLabel(`Role for ${email}`).selectOption("admin");
    await expect(page.getByText("Role updated.")).toBeVisible();
    await expect(row).toContainText("admin");

    await row.getByRole("button", { name: `Remove ${email}` }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Remove member" }).click();
    await expect(row).toBeHidden();
  });

  test("cannot demote the last owner", async ({ page }) => {
    await page.goto("/settings/members");
    await page.getByLabel("Role for owner@acme.test").selectOption("admin");
    await expect(
      page.getByText("The last owner cannot be demoted.", { exact: false }),
    ).toBeVisible();
    await expect(page.getByLabel("Role for owner@acme.test")).toHaveValue("owner");
  });
});

test.describe("as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("creates, renames and deletes a team and manages its members", async ({ page }) => {
    const name = `Growth ${suffix}`;
    await page.goto("/settings/teams");
    await page.getByLabel("Team name").fill(name);
    await page.getByRole("button", { name: "Create team" }).click();
    const card = page.getByRole("article", { name });
    await expect(card).toBeVisible();

    await page.getByLabel("Team name").fill(name);
    await page.getByRole("button", { name: "Create team" }).click();
    await expect(page.getByTestId("form-error")).toContainText("already exists");

    await card
      .getByLabel(`Member to add to ${name}`)
      .selectOption({ label: "Mia Member (member@acme.test)" });
    await card.getByRole("button", { name: "Add to team" }).click();
    await expect(card.getByRole("list", { name: `Members of ${name}` })).toContainText(
      "member@acme.test",
    );
    await card.getByRole("button", { name: `Remove member@acme.test from ${name}` }).click();
    await expect(card.getByRole("list", { name: `Members of ${name}` })).toContainText(
      "No members yet.",
    );

    await card.getByRole("button", { name: `Rename ${name}` }).click();
    await page.getByRole("dialog").getByLabel("Team name").fill(`${name} EU`);
    await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
    const renamed = page.getByRole("article", { name: `${name} EU` });
    await expect(renamed).toBeVisible();
    await expectNoA11yViolations(page);

    await renamed.getByRole("button", { name: `Delete ${name} EU` }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete team" }).click();
    await expect(renamed).toBeHidden();
  });
});

test.describe("as a member", () => {
  test.use({ storageState: storageStateOf("member") });

  test("sees members and teams read-only", async ({ page }) => {
    await page.goto("/settings/members");
    await expect(page.getByTestId("member-row-admin@acme.test")).toBeVisible();
    await expect(page.getByRole("button", { name: "Add member" })).toHaveCount(0);
    await expect(page.getByRole("combobox")).toHaveCount(0);
    await expectNoA11yViolations(page);

    await page.goto("/settings/teams");
    await expect(page.getByRole("article", { name: "Data Engineering" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Create team" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^(Rename|Delete) / })).toHaveCount(0);
    await expectNoA11yViolations(page);
  });
});
