import "server-only";
import { decrementRateLimitBuckets, deleteRateLimitKey } from "@/db/queries/rate-limits";
import { consume, currentWindowStart, peek, type RateLimitState } from "@/lib/rate-limit";

/** Failed sign-ins allowed per (account, IP address) in one window. */
export const ACCOUNT_IP_FAILURE_LIMIT = 5;
/** Failed sign-ins allowed per IP address across all accounts in one window. */
export const IP_FAILURE_LIMIT = 100;
export const FAILURE_WINDOW_SECONDS = 15 * 60;

export type ThrottledCheck = { ok: true } | { ok: false; retryAfterSeconds?: number };

// There is deliberately no per-account key: anyone could use it to lock the owner out. Guessing
// one account from many addresses is slowed by argon2 and each address's own budgets instead.
function limitsFor(email: string, ip: string | null) {
  // Without an address (no proxy header) every caller shares one; see README, Sign-in.
  const address = ip ?? "unknown";
  return {
    accountIp: {
      key: `signin:account-ip:${email.trim().toLowerCase()}|${address}`,
      limit: ACCOUNT_IP_FAILURE_LIMIT,
    },
    ip: { key: `signin:ip:${address}`, limit: IP_FAILURE_LIMIT },
  };
}

const throttled = (states: RateLimitState[]): ThrottledCheck => ({
  ok: false,
  retryAfterSeconds: Math.max(...states.map((s) => s.resetSeconds)),
});

/**
 * Runs `check` (a password verification for `email`) unless this address has used up its failed
 * attempts for the account or overall. Only failures count: a success gives its attempt back and
 * clears the account's failures from this address. A refusal says how long to wait.
 */
export async function throttledPasswordCheck(
  email: string,
  ip: string | null,
  check: () => Promise<boolean>,
): Promise<ThrottledCheck> {
  const { accountIp, ip: address } = limitsFor(email, ip);
  const limits = [accountIp, address];
  // While throttled, an attempt costs one read: no write, no lookup, no password check.
  const blocked = (await peek(limits, FAILURE_WINDOW_SECONDS)).filter((s) => s.limited);
  if (blocked.length) return throttled(blocked);

  // The attempt takes its place in the counters before the check, so a burst of simultaneous
  // guesses cannot all slip past the read above.
  const windowStart = currentWindowStart(FAILURE_WINDOW_SECONDS);
  const counted = await Promise.all(
    limits.map((l) => consume(l.key, l.limit, FAILURE_WINDOW_SECONDS)),
  );
  const over = counted.filter((s) => s.count > s.limit);
  if (over.length) {
    await giveBack(
      limits.map((l) => l.key),
      windowStart,
    );
    return throttled(over);
  }

  if (await check()) {
    await Promise.all([clearFailures(accountIp.key), giveBack([address.key], windowStart)]);
    return { ok: true };
  }
  // The failure that uses up a budget already says so, rather than on the next attempt.
  const exhausted = counted.filter((s) => s.limited);
  return exhausted.length ? throttled(exhausted) : { ok: false };
}

/** "Too many failed attempts. Try again in 4 minutes." */
export function throttledMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

// lib/rate-limit only counts up; these two undo an attempt that turned out not to be a failure.
const giveBack = (keys: string[], windowStart: Date) =>
  decrementRateLimitBuckets(keys, windowStart);
const clearFailures = (key: string) => deleteRateLimitKey(key);
