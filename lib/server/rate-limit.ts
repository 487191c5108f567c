// Per-analyst rate limits: a token bucket per analyst, refilled continuously. A burst up to the
// bucket's size passes at once; past it, requests are refused (429) with the wait until the next.

export interface RateLimit {
  /** Requests per second sustained. */
  perSecond: number;
  /** Requests allowed at once after a quiet spell. */
  burst: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly limit: RateLimit) {}

  /** Takes one request from `who`'s bucket: 0 when allowed, else the seconds to wait. */
  take(who: string, now = Date.now()): number {
    const { perSecond, burst } = this.limit;
    const b = this.buckets.get(who) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
    b.at = now;
    this.buckets.set(who, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / perSecond));
  }
}
