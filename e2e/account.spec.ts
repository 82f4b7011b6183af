import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoA11yViolations } from "./support/a11y";
import { invitationLink, inviteFromMembersPage } from "./support/invitations";
import { signIn, storageStateOf } from "./support/users";

const suffix = Date.now().toString(36);

/**
 * A person of the test's own, invited by the Acme owner and joined through the emailed link, so
 * that ending their sessions or changing their password leaves the demo people's sessions alone.
 */
async function addPerson(browser: Browser, name: string) {
  const person = {
    email: `${name.toLowerCase()}-${suffix}@acme.test`,
    password: `${name} initial password`,
  };
  const owner = await browser.newContext({ storageState: storageStateOf("owner") });
  await inviteFromMembersPage(await owner.newPage(), person.email, "member");
  await owner.close();
  const link = await invitationLink(person.email);
  const invitee = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await invitee.newPage();
  await page.goto(link);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Create account and join" }).click();
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await invitee.close();
  return person;
}

/** A new browser (its own cookies) signed in as `person`. */
async function signedInBrowser(browser: Browser, person: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, person, person.password);
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  return page;
}

async function expectSignedOut(page: Page) {
  await page.goto("/settings/general");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
}

async function openUserMenuItem(page: Page, item: string) {
  await page.getByRole("button", { name: "User menu" }).click();
  await page.getByRole("menuitem", { name: item }).click();
}

test("repeated wrong passwords get the throttle's message with the wait, even for the right one", async ({
  browser,
}) => {
  const person = await addPerson(browser, "Theo");
  const context = await browser.newContext();
  const page = await context.newPage();
  const error = page.getByTestId("form-error");
  for (let i = 1; i < 5; i++) {
    await signIn(page, person, `wrong guess ${i}`);
    await expect(error).toHaveText("Incorrect email or password.");
  }
  await signIn(page, person, "wrong guess 5");
  await expect(error).toHaveText(/^Too many failed attempts\. Try again in \d{1,2} minutes?\.$/);
  await expectNoA11yViolations(page);
  // The right password from this address now waits too; the form keeps the email.
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(error).toHaveText(/^Too many failed attempts\. Try again in \d{1,2} minutes?\.$/);
  await expect(page.getByLabel("Email")).toHaveValue(person.email);
  await context.close();
});

test("changes the password from the user menu: this browser stays signed in, older ones are signed out", async ({
  browser,
}) => {
  const person = await addPerson(browser, "Carla");
  const older = await signedInBrowser(browser, person);
  const page = await signedInBrowser(browser, person);
  const newPassword = "Carla's brand new passphrase";

  await openUserMenuItem(page, "Change password");
  const dialog = page.getByRole("dialog", { name: "Change password" });
  await expect(dialog).toBeVisible();
  await expectNoA11yViolations(page);

  await dialog.getByLabel("Current password").fill("not my password");
  await dialog.getByLabel("New password", { exact: true }).fill(newPassword);
  await dialog.getByLabel("Confirm new password").fill(`${newPassword}!`);
  await dialog.getByRole("button", { name: "Change password" }).click();
  await expect(dialog.getByTestId("confirmPassword-error")).toHaveText(
    "The two new passwords do not match.",
  );
  await expect(dialog.getByLabel("Confirm new password")).toHaveAttribute("aria-invalid", "true");
  await expectNoA11yViolations(page);

  await dialog.getByLabel("Confirm new password").fill(newPassword);
  await dialog.getByRole("button", { name: "Change password" }).click();
  await expect(dialog.getByTestId("currentPassword-error")).toHaveText(
    "Your current password is incorrect.",
  );
  await expect(dialog.getByTestId("confirmPassword-error")).toHaveCount(0);

  await dialog.getByLabel("Current password").fill(person.password);
  await dialog.getByRole("button", { name: "Change password" }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByText("Password changed. You were signed out everywhere else."),
  ).toBeVisible();

  // This browser is still signed in, on its next requests too.
  await page.goto("/settings/general");
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  // The browser signed in before the change is signed out at once.
  await expectSignedOut(older);

  // A fresh browser: the old password no longer works, the new one does.
  const fresh = await (await browser.newContext()).newPage();
  await signIn(fresh, person, person.password);
  await expect(fresh.getByTestId("form-error")).toHaveText("Incorrect email or password.");
  await signIn(fresh, person, newPassword);
  await expect(fresh.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
});

test("Sign out everywhere ends every session, this one included", async ({ browser }) => {
  const person = await addPerson(browser, "Dana");
  const other = await signedInBrowser(browser, person);
  const page = await signedInBrowser(browser, person);

  await openUserMenuItem(page, "Sign out everywhere");
  const confirm = page.getByRole("alertdialog", { name: "Sign out everywhere?" });
  await expect(confirm).toBeVisible();
  await expectNoA11yViolations(page);
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();

  await openUserMenuItem(page, "Sign out everywhere");
  await confirm.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expectSignedOut(page);
  await expectSignedOut(other);

  // Signing in again works as before.
  await signIn(other, person, person.password);
  await expect(other.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
});
