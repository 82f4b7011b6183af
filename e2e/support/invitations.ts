import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import PostalMime from "postal-mime";
import type { Role } from "@/db/schema";

const outboxDir = path.resolve(process.env.E2E_OUTBOX_DIR ?? ".data/e2e-outbox");

/** Every message in the outbox addressed to `email`, parsed, oldest first. */
async function messagesTo(email: string) {
  const files = (await readdir(outboxDir).catch(() => [] as string[]))
    .filter((f) => f.endsWith(".eml"))
    .sort();
  const out = [];
  for (const file of files) {
    const mail = await PostalMime.parse(await readFile(path.join(outboxDir, file)));
    if (mail.to?.some((a) => "address" in a && a.address?.toLowerCase() === email.toLowerCase())) {
      out.push({ file, subject: mail.subject ?? "", text: mail.text ?? "" });
    }
  }
  return out;
}

/**
 * Waits for the next invitation email to `email` (one more than `seen`) and returns the path of
 * its link. The email is written after the action answers, so it lands a moment later.
 */
export async function invitationLink(email: string, seen = 0): Promise<string> {
  await expect
    .poll(async () => (await messagesTo(email)).length, { timeout: 30_000 })
    .toBeGreaterThan(seen);
  const mail = (await messagesTo(email))[seen]!;
  const match = /https?:\/\/[^\s/]+(\/invite\/[\w-]{43})/.exec(mail.text);
  expect(match, `invitation link in: ${mail.text}`).not.toBeNull();
  return match![1]!;
}

export const invitationsTo = async (email: string) => (await messagesTo(email)).length;

/** Sends an invitation from the Members screen as the signed-in admin or owner. */
export async function inviteFromMembersPage(page: Page, email: string, role: Role = "member") {
  await page.goto("/settings/members");
  await page.getByRole("button", { name: "Invite member" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite member" });
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Role").selectOption(role);
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${email}.`)).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId(`invitation-row-${email}`)).toBeVisible();
}
