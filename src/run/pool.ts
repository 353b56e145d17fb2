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
 * plan is never materialised as promises. `limit` may change while it runs (a limit that
 * follows the server's capacity): it is read again each time a task ends. Stops taking new
 * items once `stop()` says so; the first worker error stops the pool and is rethrown after the
 * tasks in flight settle.
 */
export function runPool<T>(items: Iterable<T>, limit: number | (() => number), worker: (item: T) => Promise<void>, stop: () => boolean = () => false): Promise<void> {
  const iterator = items[Symbol.iterator]();
  const allowed = typeof limit === 'number' ? () => limit : limit;
  let failure: { error: unknown } | undefined;
  let active = 0;
  let exhausted = false;
  return new Promise((resolve, reject) => {
    const pump = () => {
      while (!failure && !exhausted && !stop() && active < Math.max(1, allowed())) {
        let next: IteratorResult<T>;
        try {
          next = iterator.next();
        } catch (error) {
          failure = { error };
          break;
        }
        if (next.done) {
          exhausted = true;
          break;
        }
        active++;
        worker(next.value).then(done, (error: unknown) => {
          failure ??= { error };
          done();
        });
      }
      if (active === 0) {
        if (failure) reject(failure.error);
        else resolve();
      }
    };
    const done = () => {
      active--;
      pump();
    };
    pump();
  });
}
