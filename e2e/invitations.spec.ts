import { expect, test, type Browser } from "@playwright/test";
import { expectNoA11yViolations } from "./support/a11y";
import { invitationLink, invitationsTo, inviteFromMembersPage } from "./support/invitations";
import { password, people, storageStateOf } from "./support/users";

const suffix = Date.now().toString(36);

/** A browser with nobody signed in, as the invitee opening the email on their own machine. */
async function freshPage(browser: Browser) {
  // New contexts inherit the describe block's signed-in storage state unless told otherwise.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  return { context, page: await context.newPage() };
}

test.describe("as the owner", () => {
  test.use({ storageState: storageStateOf("owner") });

  test("a new person follows the emailed link, sets a password and is signed in as a member", async ({
    page,
    browser,
  }) => {
    const email = `invitee-${suffix}@example.test`;
    await inviteFromMembersPage(page, email, "member");
    await expectNoA11yViolations(page);
    const link = await invitationLink(email);

    const invitee = await freshPage(browser);
    await invitee.page.goto(link);
    await expect(invitee.page.getByRole("heading", { name: "Join Acme" })).toBeVisible();
    await expect(invitee.page.getByLabel("Email")).toHaveValue(email);
    await expectNoA11yViolations(invitee.page);
    await invitee.page.getByLabel("Your name").fill("Ivy Invitee");
    await invitee.page.getByLabel("Password").fill("too-short");
    await invitee.page.getByRole("button", { name: "Create account and join" }).click();
    await expect(invitee.page.getByTestId("password-error")).toBeVisible();
    await expect(invitee.page.getByLabel("Your name")).toHaveValue("Ivy Invitee");
    await invitee.page.getByLabel("Password").fill("ivy-chose-this-password");
    await invitee.page.getByRole("button", { name: "Create account and join" }).click();
    await expect(invitee.page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    await expect(
      invitee.page.getByRole("button", { name: "Acme, switch organization" }),
    ).toBeVisible();
    await invitee.page.goto("/settings/general");
    await expect(invitee.page.getByText("member", { exact: true })).toBeVisible();
    await invitee.context.close();

    // The link worked once: opened again, it says so and offers a way on.
    const again = await freshPage(browser);
    await again.page.goto(link);
    await expect(
      again.page.getByRole("heading", { name: "Invitation already used" }),
    ).toBeVisible();
    await expectNoA11yViolations(again.page);
    await again.page.getByRole("link", { name: "Sign in" }).click();
    await expect(again.page).toHaveURL(/\/login$/);
    await again.context.close();

    await page.reload();
    await expect(page.getByTestId(`member-row-${email}`)).toContainText("Ivy Invitee");
    await expect(page.getByTestId(`invitation-row-${email}`)).toHaveCount(0);
  });

  test("a Globex user signs in as themselves to accept, after another account is told to switch", async ({
    page,
    browser,
  }) => {
    const gus = people.globexOwner;
    const seen = await invitationsTo(gus.email);
    await inviteFromMembersPage(page, gus.email, "member");
    const link = await invitationLink(gus.email, seen);

    // Someone else signed in on this browser: told to switch, not let in.
    const other = await browser.newContext({ storageState: storageStateOf("member") });
    const otherPage = await other.newPage();
    await otherPage.goto(link);
    await expect(otherPage.getByTestId("switch-account")).toContainText(
      `You're signed in as ${people.member.email}`,
    );
    await expectNoA11yViolations(otherPage);
    await otherPage.getByRole("button", { name: "Sign out and continue" }).click();
    await expect(otherPage.getByRole("link", { name: "Sign in to accept" })).toBeVisible();
    await other.close();

    const { context, page: guest } = await freshPage(browser);
    await guest.goto(link);
    await expect(guest.getByText(`${gus.email} already has a Latchkey account`)).toBeVisible();
    await expectNoA11yViolations(guest);
    await guest.getByRole("link", { name: "Sign in to accept" }).click();
    await guest.getByLabel("Email").fill(gus.email);
    await guest.getByLabel("Password").fill(password);
    await guest.getByRole("button", { name: "Sign in" }).click();
    await expect(guest.getByText(`You're signed in as ${gus.email}`)).toBeVisible();
    await expectNoA11yViolations(guest);
    await guest.getByRole("button", { name: "Accept invitation" }).click();
    await expect(guest.getByRole("button", { name: "Acme, switch organization" })).toBeVisible();
    await context.close();

    // Leave the demo data as it was: Gus belongs to Globex only.
    await page.reload();
    const row = page.getByTestId(`member-row-${gus.email}`);
    await expect(row).toBeVisible();
    await row.getByRole("button", { name: `Remove ${gus.email}` }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Remove member" }).click();
    await expect(row).toBeHidden();
  });

  test("resend replaces the link and revoke ends it", async ({ page, browser }) => {
    const email = `resend-${suffix}@example.test`;
    await inviteFromMembersPage(page, email, "admin");
    const first = await invitationLink(email, 0);
    const row = page.getByTestId(`invitation-row-${email}`);
    await row.getByRole("button", { name: `Resend invitation to ${email}` }).click();
    await expect(page.getByText(`Invitation re-sent to ${email}.`)).toBeVisible();
    const second = await invitationLink(email, 1);
    expect(second).not.toBe(first);

    const guest = await freshPage(browser);
    await guest.page.goto(first);
    await expect(
      guest.page.getByRole("heading", { name: "Invitation link not valid" }),
    ).toBeVisible();
    await guest.page.goto(second);
    await expect(guest.page.getByRole("heading", { name: "Join Acme" })).toBeVisible();

    // From the keyboard: the "re-sent" toast may still cover the row's buttons.
    await row.getByRole("button", { name: `Revoke invitation to ${email}` }).press("Enter");
    const confirm = page.getByRole("alertdialog");
    await expectNoA11yViolations(page);
    await confirm.getByRole("button", { name: "Revoke invitation" }).click();
    await expect(row).toBeHidden();

    await guest.page.reload();
    await expect(guest.page.getByRole("heading", { name: "Invitation revoked" })).toBeVisible();
    await expect(guest.page.getByText("This invitation was revoked.")).toBeVisible();
    await expectNoA11yViolations(guest.page);
    await guest.context.close();
  });
});

test.describe("as a member", () => {
  test.use({ storageState: storageStateOf("member") });

  test("creates an organization from the switcher, owns it and can invite into it", async ({
    page,
  }) => {
    const name = `Mia Labs ${suffix}`;
    await page.goto("/settings/general");
    await page.getByRole("button", { name: /switch organization/ }).click();
    await page.getByRole("menuitem", { name: "Create organization" }).click();
    const dialog = page.getByRole("dialog", { name: "Create organization" });
    await expect(dialog).toBeVisible();
    await expectNoA11yViolations(page);
    await dialog.getByLabel("Organization name").fill(name);
    await dialog.getByRole("button", { name: "Create organization" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("button", { name: `${name}, switch organization` })).toBeVisible();
    await expect(page.getByTestId(`member-row-${people.member.email}`)).toContainText("owner");
    await expect(page.getByText("No pending invitations.")).toBeVisible();
    await expectNoA11yViolations(page);
    await inviteFromMembersPage(page, `colleague-${suffix}@example.test`, "owner");

    await page.goto("/settings/general");
    await expect(page.getByText("Free", { exact: true })).toBeVisible();
    await page.goto("/settings/audit-logs");
    await expect(
      page.getByText(`Created ${name} with ${people.member.email} as owner`),
    ).toBeVisible();
  });
});
