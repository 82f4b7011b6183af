import "server-only";
import { currentWindowStart } from "@/lib/rate-limit";
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

// Failures of an address in the current window after which its keys are looked up one at a time.
const SERIAL_AFTER = 10;
const failing = new Map<string, { window: number; count: number }>();
const queues = new Map<string, Promise<unknown>>();
const MAX_TRACKED = 10_000;

function isFailing(key: string) {
  const seen = failing.get(key);
  if (!seen) return false;
  if (seen.window === currentWindowStart(KEY_FAILURE_WINDOW_SECONDS).getTime()) {
    return seen.count >= SERIAL_AFTER;
  }
  failing.delete(key);
  return false;
}

function noteFailures(key: string, count: number) {
  const window = currentWindowStart(KEY_FAILURE_WINDOW_SECONDS).getTime();
  const seen = failing.get(key);
  if (seen?.window === window && seen.count >= count) return;
  if (failing.size >= MAX_TRACKED) failing.clear();
  failing.set(key, { window, count });
}

/** The 429 for an address this process knows has spent its budget; null if it does not. */
function refusal(key: string): VerifyResult | null {
  const known = spent.find([key]);
  return known ? { ok: false, response: tooManyFailures(known.state) } : null;
}

/** Runs `work` after every earlier one of `key` has finished. */
function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const running = (queues.get(key) ?? Promise.resolve()).then(work, work);
  const settled = running.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return running;
}

/**
 * Runs a key verification under the caller's budget of failures: an address that has spent it is
 * refused with 429 before its key is looked up, so guessing stops and a flood costs no database
 * work; each 401 is counted. Once an address has failed a few times, its keys are looked up one
 * at a time, so its guesses hold one database connection, not one each, even before its budget is
 * spent. Only failures count, so a caller whose keys work pays two map lookups. Callers without a
 * known address (a request not made through the server) are not limited: sharing one budget, they
 * would lock each other out.
 */
export async function limitKeyFailures(
  ip: string | null,
  verify: () => Promise<VerifyResult>,
): Promise<VerifyResult> {
  if (!ip) return verify();
  const key = budgetKey(ip);
  // checked again after waiting in line: the budget may have run out meanwhile
  const check = async () => refusal(key) ?? (await verify());
  const result = await (isFailing(key) ? oneAtATime(key, check) : check());
  if (result.ok || result.response.status !== 401) return result;
  const after = await failures.hit(key);
  noteFailures(key, after.count);
  spent.remember(after);
  // The failure that goes over the budget is refused as such; up to the limit, a plain 401.
  return after.count > after.limit ? { ok: false, response: tooManyFailures(after) } : result;
}
