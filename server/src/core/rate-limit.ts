/**
 * Requests per client, counted in fixed windows in this process. Routes declare their limit (config.rateLimit);
 * routes anyone may call without a login get the public one unless they declare their own. With several app
 * processes each counts its own share, so a county running N processes allows up to N times the figure.
 */
/** A route's limit: at most `max` requests per client in `windowMs`. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

/** The limits of this process, keyed by client and route. */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private sweepAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Count one request; the seconds to wait when it is over the limit, else 0. */
  take(key: string, limit: RateLimit): number {
    const t = this.now();
    if (t >= this.sweepAt) this.sweep(t);
    const w = this.windows.get(key);
    if (!w || t >= w.resetAt) {
      this.windows.set(key, { count: 1, resetAt: t + limit.windowMs });
      return 0;
    }
    if (w.count >= limit.max) return Math.max(1, Math.ceil((w.resetAt - t) / 1000));
    w.count++;
    return 0;
  }

  /** Drop ended windows now and then, so clients that went away cost nothing. */
  private sweep(t: number) {
    for (const [k, w] of this.windows) if (t >= w.resetAt) this.windows.delete(k);
    this.sweepAt = t + 60_000;
  }
}
