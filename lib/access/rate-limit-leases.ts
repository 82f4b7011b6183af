import type { RateLimitOutcome } from "./rate-limit";

/** What the shared store answers when asked for `n` points of a credential's current window. */
export type Grant = {
  /** Points of the `n` asked for that fall within the limit: this instance may admit that many. */
  granted: number;
  /** The window's count in the store after this request (leased points included). */
  counted: number;
  /** Milliseconds until the store's window ends. */
  msBeforeNext: number;
};

type Lease = {
  limit: number;
  tokens: number;
  counted: number;
  /** Local time at which the lease's window ends; never later than the store's. */
  expiresAt: number;
};

const MAX_LEASE = 1000;
const MAX_TRACKED = 10_000;

/**
 * Points taken from the store at a time: 1 % of the limit, at least 1 and at most 1,000. Small
 * limits are counted request by request; a busy credential with a high limit costs the store one
 * round trip per hundredth of its limit instead of one per request.
 */
export function leaseSize(limit: number): number {
  return Math.min(MAX_LEASE, Math.max(1, Math.floor(limit / 100)));
}

/**
 * Admits requests against points leased from a shared counter. The store counts leased points
 * atomically, and only points within the limit are ever handed out, so instances together never
 * admit more than the limit in a window. The price is on the other side: points one instance has
 * leased but not used by the end of a window (at most one lease, under 1 % of the limit) cannot
 * serve requests arriving at another instance.
 */
export class LeasePool {
  private readonly leases = new Map<string, Lease>();
  private readonly renewing = new Map<string, Promise<Grant>>();

  constructor(
    private readonly take: (subject: string, limit: number, n: number) => Promise<Grant>,
  ) {}

  async consume(subject: string, limit: number): Promise<RateLimitOutcome> {
    for (;;) {
      const now = Date.now();
      const lease = this.leases.get(subject);
      if (lease && lease.limit === limit && lease.expiresAt > now) {
        const resetSeconds = Math.max(1, Math.ceil((lease.expiresAt - now) / 1000));
        if (lease.tokens > 0) {
          lease.tokens -= 1;
          const unleased = Math.max(0, limit - lease.counted);
          return { allowed: true, limit, remaining: unleased + lease.tokens, resetSeconds };
        }
        // The store has no points left in this window: refused without asking it again.
        if (lease.counted >= limit) return { allowed: false, limit, remaining: 0, resetSeconds };
      }
      // One renewal per credential at a time; concurrent requests wait for it and share its points.
      let renewal = this.renewing.get(subject);
      const own = !renewal;
      if (!renewal) {
        renewal = this.renew(subject, limit).finally(() => this.renewing.delete(subject));
        this.renewing.set(subject, renewal);
      }
      const grant = await renewal;
      const fresh = this.leases.get(subject);
      if (own && (!fresh || fresh.expiresAt <= Date.now())) {
        // The window ended as the points arrived: this request alone is decided on them.
        const allowed = grant.granted > 0;
        return { allowed, limit, remaining: allowed ? grant.granted - 1 : 0, resetSeconds: 1 };
      }
    }
  }

  private async renew(subject: string, limit: number): Promise<Grant> {
    const asked = Date.now();
    const grant = await this.take(subject, limit, leaseSize(limit));
    if (this.leases.size >= MAX_TRACKED) this.prune(asked);
    this.leases.set(subject, {
      limit,
      tokens: grant.granted,
      counted: grant.counted,
      // Measured from before the request: a lease never outlives the store's window, whose points
      // would otherwise serve requests the next window does not count.
      expiresAt: asked + grant.msBeforeNext,
    });
    return grant;
  }

  private prune(now: number) {
    for (const [subject, lease] of this.leases) {
      if (lease.expiresAt <= now) this.leases.delete(subject);
    }
    if (this.leases.size >= MAX_TRACKED) this.leases.clear();
  }
}
