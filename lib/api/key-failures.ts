import "server-only";
import { CoalescedCounter } from "@/lib/rate-limit/coalesced";
import { SpentBudgets } from "@/lib/rate-limit/spent";
import { tooManyFailures } from "./responses";
import type { VerifyResult } from "./verify";

/** Failed key verifications one address may make per window before it is refused. */
export const KEY_FAILURE_LIMIT = 100;
export const KEY_FAILURE_WINDOW_SECONDS = 60;

const spent = new SpentBudgets(KEY_FAILURE_WINDOW_SECONDS);
// A burst of guesses from one address is counted by one write at a time, not one each.
const failures = new CoalescedCounter(KEY_FAILURE_LIMIT, KEY_FAILURE_WINDOW_SECONDS);

/** The counter of an address's failures (the same table as failed sign-ins and client logins). */
const budgetKey = (ip: string) => `api-key-auth:ip:${ip.trim().toLowerCase().slice(0, 64)}`;

/**
 * Runs a key verification under the caller's budget of failures: an address that has spent it is
 * refused with 429 before its key is looked up, so guessing stops and a flood costs no database
 * work; each 401 is counted. Only failures count, so a caller whose key works pays one map
 * lookup. Callers without a known address (a request not made through the server) are not
 * limited: sharing one budget, they would lock each other out.
 */
export async function limitKeyFailures(
  ip: string | null,
  verify: () => Promise<VerifyResult>,
): Promise<VerifyResult> {
  if (!ip) return verify();
  const key = budgetKey(ip);
  const known = spent.find([key]);
  if (known) return { ok: false, response: tooManyFailures(known.state) };
  const result = await verify();
  if (result.ok || result.response.status !== 401) return result;
  const after = await failures.hit(key);
  spent.remember(after);
  // The failure that goes over the budget is refused as such; up to the limit, a plain 401.
  return after.count > after.limit ? { ok: false, response: tooManyFailures(after) } : result;
}
