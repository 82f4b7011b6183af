import { expect } from "vitest";
import { inviteMember } from "@/app/(app)/settings/members/invitations/actions";
import type { Role } from "@/db/schema";
import { inviteTokenIn, type ReceivedMail } from "../helpers/outbox";
import { actAs, onPage } from "../helpers/session";

export { inviteMember };

/** Invites `email` as `inviter` through the real action and returns the emailed link's token. */
export async function invite(
  outbox: { newMail: () => Promise<ReceivedMail[]> },
  inviter: { id: string },
  org: { id: string },
  email: string,
  role: Role = "member",
) {
  actAs(inviter, org.id);
  const result = await inviteMember(null, onPage({ email, role }));
  expect(result).toMatchObject({ ok: true });
  const mail = await outbox.newMail();
  expect(mail.map((m) => m.to.toLowerCase())).toEqual([email.toLowerCase()]);
  return inviteTokenIn(mail[0]!.text);
}

/** FormData as the invitation page's forms post it. */
export function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}
