/** At most `limit` tasks at once; the rest wait in arrival order. */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {}

  async use<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active++;
    else await new Promise<void>((grant) => this.waiting.push(grant));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `active` stays the same.
      if (next) next();
      else this.active--;
    }
  }
}

/**
 * Runs `worker` over the items with at most `limit` in flight, pulling items lazily so a large
 * plan is never materialised as promises. Stops taking new items once `stop()` says so; the
 * first worker error stops the pool and is rethrown after the workers in flight settle.
 */
export async function runPool<T>(items: Iterable<T>, limit: number, worker: (item: T) => Promise<void>, stop: () => boolean = () => false): Promise<void> {
  const iterator = items[Symbol.iterator]();
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    for (;;) {
      if (failure || stop()) return;
      const next = iterator.next();
      if (next.done) return;
      try {
        await worker(next.value);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, lane));
  if (failure) throw failure.error;
}
