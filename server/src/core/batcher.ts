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
  ) {}

  /** Add one item; resolves with its own result once its batch has committed. */
  submit(item: T): Promise<R> {
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
