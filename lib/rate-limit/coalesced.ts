import { consume, type RateLimitState } from "./index";

type Batch = { hits: number; after: Promise<RateLimitState> };

/**
 * Counts hits like consume(), with at most one write in flight per key: hits that arrive while one
 * is being written wait and are counted together by the next. A burst from one caller then holds
 * one database connection at a time instead of one per request, each waiting on the same row's
 * lock. Every hit still gets its own place in the count, as if counted alone.
 */
export class CoalescedCounter {
  private readonly writing = new Map<string, Promise<RateLimitState>>();
  private readonly gathering = new Map<string, Batch>();

  constructor(
    private readonly limit: number,
    private readonly windowSeconds: number,
  ) {}

  async hit(key: string): Promise<RateLimitState> {
    const batch = this.gathering.get(key) ?? this.startBatch(key);
    const place = ++batch.hits;
    const after = await batch.after;
    const count = after.count - batch.hits + place;
    return {
      ...after,
      count,
      remaining: Math.max(0, after.limit - count),
      limited: count >= after.limit,
    };
  }

  private startBatch(key: string): Batch {
    const batch = { hits: 0 } as Batch;
    const write = () => {
      // From here on, new hits gather for the next write.
      this.gathering.delete(key);
      return consume(key, this.limit, this.windowSeconds, undefined, batch.hits);
    };
    const previous = this.writing.get(key);
    batch.after = previous ? previous.then(write, write) : Promise.resolve().then(write);
    this.gathering.set(key, batch);
    this.writing.set(key, batch.after);
    const forget = () => {
      if (this.writing.get(key) === batch.after) this.writing.delete(key);
    };
    batch.after.then(forget, forget);
    return batch;
  }
}
