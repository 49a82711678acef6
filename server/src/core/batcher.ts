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
    if (!admits(this.queue[0]?.at, at, this.targetMs)) return Promise.resolve(null);
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, at, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.queue.length) {
      // Let the calls of the same event-loop turn join the batch. Between batches too: a synchronous write
      // (SQLite) would otherwise hold the loop for the whole queue, and what waits would wait unread in the
      // sockets, where no admission rule can see it.
      await new Promise((r) => setImmediate(r));
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
