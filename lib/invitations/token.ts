import { createHash, randomBytes } from "node:crypto";

/** How long an invitation link stays valid after it is sent (or re-sent). */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

// 32 CSPRNG bytes in base64url: exactly 43 characters.
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new link token and the digest the database keeps of it (never the token itself). */
export function newInvitationToken() {
  const token = randomBytes(32).toString("base64url");
  return { token, digest: digestInvitationToken(token) };
}

export function digestInvitationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Checked before any lookup, so a mangled link costs no database query. */
export function isWellFormedToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

export const invitationPath = (token: string) => `/invite/${token}`;
