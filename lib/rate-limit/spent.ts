import { currentWindowStart, type RateLimitState } from "./index";

type Spent = { limit: number; until: number; note?: unknown };

const MAX_TRACKED = 10_000;

/**
 * Budgets this process has seen spent, until their window ends. Counts only grow within a window,
 * so a budget once over its limit stays over it: a flood from that caller is then refused from
 * memory, with no database read or write, and each instance pays the store once per window to
 * learn it. `note` is whatever the caller wants back on a refusal (e.g. whom to count it against).
 */
export class SpentBudgets<Note = never> {
  private readonly spent = new Map<string, Spent>();

  constructor(private readonly windowSeconds: number) {}

  /** The state of the first of `keys` known to be spent, with its note; null if none is. */
  find(keys: readonly string[]): { state: RateLimitState; note?: Note } | null {
    if (this.spent.size === 0) return null;
    const now = Date.now();
    for (const key of keys) {
      const entry = this.spent.get(key);
      if (!entry) continue;
      if (entry.until <= now) {
        this.spent.delete(key);
        continue;
      }
      const resetSeconds = Math.max(1, Math.ceil((entry.until - now) / 1000));
      return {
        state: {
          key,
          limit: entry.limit,
          count: entry.limit,
          remaining: 0,
          resetSeconds,
          limited: true,
        },
        note: entry.note as Note | undefined,
      };
    }
    return null;
  }

  /** Remembers `state`'s budget as spent for the rest of the current window, if it is. */
  remember(state: RateLimitState, note?: Note) {
    if (state.count < state.limit) return;
    if (this.spent.size >= MAX_TRACKED) this.prune();
    const until = currentWindowStart(this.windowSeconds).getTime() + this.windowSeconds * 1000;
    this.spent.set(state.key, { limit: state.limit, until, note });
  }

  private prune() {
    const now = Date.now();
    for (const [key, entry] of this.spent) if (entry.until <= now) this.spent.delete(key);
    // Still full (a flood from very many addresses): forget them all rather than grow; each is
    // then learnt again from the store with one query.
    if (this.spent.size >= MAX_TRACKED) this.spent.clear();
  }
}
