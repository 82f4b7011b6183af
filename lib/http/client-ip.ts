/** The caller's address as the proxy in front of us reports it (first X-Forwarded-For hop). */
export function clientIp(h: Headers): string | null {
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || h.get("x-real-ip") || null;
}
