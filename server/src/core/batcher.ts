/**
 * Group commit: calls arriving while a batch is being written wait for the next one, and each batch is
 * written in one transaction. On SQLite with durable commits this turns one fsync per request into one
 * per batch, and an acknowledgement still means "on disk".
 */

/** Admission by waiting time (CoDel-style): how long a call may wait for its batch, and the clock that says so. */
export interface Admission {
  /** Once the oldest waiting call has waited longer than this, new calls are turned away at once. */
  targetMs: number;
  /** Milliseconds from any fixed origin (monotonic); tests pass a fake one. */
  clock?: () => number;
}

/**
 * How long the queue's oldest call may wait for the drain's next turn before a call that comes by (nudge) starts it
 * at once, as a fraction of the target. The drain waits for the loop's check phase (setImmediate) so that one turn's
 * calls share a batch; but a turn answering cheap refusals (503, a repeat claim) can read tens of thousands of
 * requests before that phase comes, while the admitted calls wait seconds behind them.
 */
const GATHER_SHARE = 0.1;

/** Whether a drain parked for its turn should start now: something waits, and its head has waited past the gather window. */
export const overdue = (oldestEnqueuedAt: number | undefined, now: number, targetMs: number): boolean =>
  oldestEnqueuedAt !== undefined && now - oldestEnqueuedAt > targetMs * GATHER_SHARE;

/**
 * The admission rule: a new call is turned away when the queue's oldest call has already waited past the target.
 * A count would fit one machine only: how long a given number of calls wait depends on how fast the machine
 * writes, while the time waited is what the caller feels.
 */
export const admits = (oldestEnqueuedAt: number | undefined, now: number, targetMs: number): boolean =>
  oldestEnqueuedAt === undefined || now - oldestEnqueuedAt <= targetMs;

interface Waiting<T, R> {
  item: T;
  at: number;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

export class Batcher<T, R> {
  private queue: Waiting<T, R>[] = [];
  private running = false;
  /** Resolves the drain's wait for its turn (set while it waits), so that an overdue queue is written without it. */
  private wake: (() => void) | null = null;
  private readonly targetMs: number;
  private readonly clock: () => number;

  constructor(
    private readonly flush: (items: T[]) => Promise<R[]>,
    private readonly maxItems = 256,
    /** Without it every call waits, however long; with it a call is answered null instead (admission control). */
    admission?: Admission,
  ) {
    this.targetMs = admission?.targetMs ?? Number.POSITIVE_INFINITY;
    this.clock = admission?.clock ?? (() => performance.now());
  }

  /** How long (ms) the oldest waiting item has waited; 0 when none waits. */
  oldestWaitMs(now = this.clock()): number {
    const head = this.queue[0];
    return head ? now - head.at : 0;
  }

  /** How many items wait for a batch. */
  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Add one item; resolves with its own result once its batch has committed, or null at once — nothing written —
   * when the queue's oldest item has waited past the target. An item admitted is written (or fails with its whole
   * batch, which then wrote nothing): turning it away
   * when its batch is taken would answer it no sooner, and on a machine whose every turn outlasts the target it
   * would turn away everything.
   */
  submit(item: T): Promise<R | null> {
    const at = this.clock();
    if (!admits(this.queue[0]?.at, at, this.targetMs)) {
      this.nudge(at);
      return Promise.resolve(null);
    }
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, at, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  /**
   * Called by whatever passes by (every claim, answered from memory or not): starts the drain's next batch now when
   * it waits for its turn behind a queue already overdue, rather than after the rest of a long turn.
   */
  nudge(now = this.clock()): void {
    if (!this.wake || !overdue(this.queue[0]?.at, now, this.targetMs)) return;
    this.wake();
    this.wake = null;
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.queue.length) {
      // Let the calls of the same event-loop turn join the batch. Between batches too: a synchronous write
      // (SQLite) would otherwise hold the loop for the whole queue, and what waits would wait unread in the
      // sockets, where no admission rule can see it.
      await new Promise<void>((r) => {
        this.wake = r;
        setImmediate(r);
      });
      this.wake = null;
      const batch = this.queue.splice(0, this.maxItems);
      try {
        const results = await this.flush(batch.map((b) => b.item));
        batch.forEach((b, i) => b.resolve(results[i]));
      } catch (err) {
        batch.forEach((b) => b.reject(err));
      }
    }
    this.running = false;
  }
}
