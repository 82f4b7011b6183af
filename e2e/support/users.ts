import path from "node:path";
import type { Page } from "@playwright/test";
import { E2E_PASSWORD } from "../../playwright.config";

/** The demo people of `npm run db:seed`, and where each one's signed-in browser state is kept. */
export const people = {
  owner: { email: "owner@acme.test", name: "Olivia Owner" },
  admin: { email: "admin@acme.test", name: "Adam Admin" },
  member: { email: "member@acme.test", name: "Mia Member" },
  globexOwner: { email: "owner@globex.test", name: "Gus Globex" },
} as const;

export type Person = keyof typeof people;
export const password = E2E_PASSWORD;

export const storageStateOf = (who: Person) =>
  path.join(import.meta.dirname, "..", ".auth", `${who}.json`);

export async function signIn(page: Page, who: Person | { email: string }, pass = password) {
  const email = typeof who === "string" ? people[who].email : who.email;
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(pass);
  await page.getByRole("button", { name: "Sign in" }).click();
}
