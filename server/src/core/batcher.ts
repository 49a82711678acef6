/**
 * Group commit: calls arriving while a batch is being written wait for the next one, and each batch is
 * written in one transaction. On SQLite with durable commits this turns one fsync per request into one
 * per batch, and an acknowledgement still means "on disk".
 */
export class Batcher<T, R> {
  private queue: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private running = false;

  constructor(
    private readonly flush: (items: T[]) => Promise<R[]>,
    private readonly maxItems = 256,
    /** Items allowed to wait; past it `submit` answers null at once (admission control), instead of a wait nobody bounds. */
    private readonly maxWaiting = Number.POSITIVE_INFINITY,
  ) {}

  /** How many items wait for a batch. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Add one item; resolves with its own result once its batch has committed, or null at once when the queue is full. */
  submit(item: T): Promise<R | null> {
    if (this.queue.length >= this.maxWaiting) return Promise.resolve(null);
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    // Let the requests of the same event-loop turn join the first batch.
    await new Promise((r) => setImmediate(r));
    while (this.queue.length) {
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
