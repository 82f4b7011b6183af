import { expect, test } from "@playwright/test";
import { expectNoA11yViolations } from "./support/a11y";
import { invitationLink } from "./support/invitations";
import { storageStateOf } from "./support/users";

const suffix = Date.now().toString(36);

test.describe("as the owner", () => {
  test.use({ storageState: storageStateOf("owner") });

  test("invites a member who joins, changes their role and removes them", async ({
    page,
    browser,
  }) => {
    const email = `newcomer-${suffix}@acme.test`;
    await page.goto("/settings/members");
    await page.getByRole("button", { name: "Invite member" }).click();
    const dialog = page.getByRole("dialog", { name: "Invite member" });
    await expectNoA11yViolations(page);
    await dialog.getByLabel("Email").fill("not-an-email");
    await dialog.getByRole("button", { name: "Send invitation" }).click();
    // The browser's own check stops it first; the server says the same if it gets through.
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("Email").fill(email);
    await dialog.getByRole("button", { name: "Send invitation" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId(`invitation-row-${email}`)).toContainText("member");

    // Inviting someone who is already a member says so.
    await page.getByRole("button", { name: "Invite member" }).click();
    await dialog.getByLabel("Email").fill("ADMIN@acme.test");
    await dialog.getByRole("button", { name: "Send invitation" }).click();
    await expect(dialog.getByTestId("form-error")).toContainText(
      "ADMIN@acme.test is already a member of Acme.",
    );
    await expect(dialog.getByLabel("Email")).toHaveValue("ADMIN@acme.test");
    await page.keyboard.press("Escape");

    const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const otherPage = await other.newPage();
    await otherPage.goto(await invitationLink(email));
    await otherPage.getByLabel("Your name").fill("Nina Newcomer");
    await otherPage.getByLabel("Password").fill("newcomer-password-1");
    await otherPage.getByRole("button", { name: "Create account and join" }).click();
    await expect(otherPage.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    await other.close();

    await page.reload();
    const row = page.getByTestId(`member-row-${email}`);
    await expect(row).toContainText("Nina Newcomer");
    await expect(row).toContainText("member");

    await row.getByLabel(`Role for ${email}`).selectOption("admin");
    await expect(page.getByText("Role updated.")).toBeVisible();
    await expect(row).toContainText("admin");

    await row.getByRole("button", { name: `Remove ${email}` }).click();
    await expect(page.getByRole("alertdialog")).toContainText("They have no active API keys here.");
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
    await expect(page.getByRole("button", { name: "Invite member" })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Pending invitations" })).toHaveCount(0);
    await expect(page.getByRole("combobox")).toHaveCount(0);
    await expectNoA11yViolations(page);

    await page.goto("/settings/teams");
    await expect(page.getByRole("article", { name: "Data Engineering" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Create team" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^(Rename|Delete) / })).toHaveCount(0);
    await expectNoA11yViolations(page);
  });
});
