/**
 * A client's status as the screens show it: Expired once its expiry has come (whether or not the
 * sweep has ended it yet), Revoked if it was ended before that, else Active.
 */
export function clientStatus(
  c: { revokedAt: Date | null; expiresAt: Date | null },
  nowMs: number,
): "Active" | "Revoked" | "Expired" {
  const expiresAt = c.expiresAt?.getTime();
  const endedAt = c.revokedAt?.getTime() ?? nowMs;
  if (expiresAt !== undefined && expiresAt <= endedAt) return "Expired";
  return c.revokedAt ? "Revoked" : "Active";
}
