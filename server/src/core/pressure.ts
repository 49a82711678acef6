/**
 * Load shedding before the work: a route that declares `config.shed` is answered at once (before its session is
 * looked up or its body read) while what a new request would wait is past the route's target. What a request waits
 * is mostly time nobody in the process measures — unread in its socket while the event loop serves the requests
 * ahead of it — so the loop's lateness stands for it, plus whatever the route itself says is queued (a batch's wait).
 */
import type { AppError } from './errors.js';

/** A route's admission: answer `error` (a 503 with Retry-After) while the expected wait is past `targetMs`. */
export interface Shed {
  targetMs: number;
  /** What the route's own queue already makes a request wait (ms), e.g. a write batch's oldest item. */
  queuedMs?: () => number;
  error: AppError;
}

/**
 * How many of the loop's late turns a request waits behind, unread: under a burst each turn reads a socket batch and
 * the next request is read a turn or two later. Two keeps a loop that turns every 200 ms (at a 500 ms target) admitting.
 */
const TURNS_WAITED = 2;

/**
 * Lateness below this is the loop's ordinary jitter (a timer, a garbage collection), not a backlog: it never sheds,
 * however short the route's target.
 */
const JITTER_MS = 50;

/** How late the event loop runs (ms), from a timer's drift: it rises at once with a long turn and fades over a few. */
export class LoopLag {
  private last = performance.now();
  private lag = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly everyMs = 10) {
    this.timer = setInterval(() => {
      const now = performance.now();
      const late = Math.max(0, now - this.last - this.everyMs);
      this.last = now;
      this.lag = late >= this.lag ? late : this.lag * 0.7 + late * 0.3;
    }, everyMs);
    this.timer.unref();
  }

  /** The loop's current lateness in ms. */
  get ms(): number {
    return this.lag;
  }

  /** Stop sampling (the server closes). */
  stop(): void {
    clearInterval(this.timer);
  }
}

/** Whether a request to a shedding route is admitted, given the loop's lateness and the route's own queue. */
export const admitted = (shed: Shed, loopLagMs: number): boolean =>
  (loopLagMs < JITTER_MS ? 0 : loopLagMs * TURNS_WAITED) + (shed.queuedMs?.() ?? 0) <= shed.targetMs;
