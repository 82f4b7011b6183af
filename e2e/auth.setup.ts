import { expect, test as setup } from "@playwright/test";
import { people, signIn, storageStateOf, type Person } from "./support/users";

// Signs each demo person in once; specs reuse the saved browser state.
for (const who of Object.keys(people) as Person[]) {
  setup(`sign in as ${who}`, async ({ page }) => {
    await signIn(page, who);
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    await page.context().storageState({ path: storageStateOf(who) });
  });
}
