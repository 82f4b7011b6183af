import type { Invitation } from "@/db/schema";

export type InvitationStatus = "pending" | "expired" | "accepted" | "revoked";

export function invitationStatus(
  invitation: Pick<Invitation, "acceptedAt" | "revokedAt" | "expiresAt">,
  now = new Date(),
): InvitationStatus {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  if (invitation.expiresAt <= now) return "expired";
  return "pending";
}

export const sameEmail = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** What a link that can no longer be used says, with the way forward. */
export const unusableLinkMessages: Record<
  Exclude<InvitationStatus, "pending"> | "invalid",
  string
> = {
  invalid:
    "This invitation link is not valid. If the invitation was sent again, use the link in the latest email; otherwise ask an admin of the organization for a new one.",
  expired: "This invitation has expired. Ask an admin of the organization to send it again.",
  accepted: "This invitation has already been used. Sign in to continue.",
  revoked: "This invitation was revoked. Ask an admin of the organization for a new one.",
};

/** "a member", "an admin", "an owner". */
export const roleWithArticle = (role: string) => `${/^[aeiou]/.test(role) ? "an" : "a"} ${role}`;
