/**
 * Maps a stream through an async function with up to `limit` calls in flight, yielding results
 * as they finish (not in input order). The source is read only as slots free up, so a long
 * stream never sits in memory. The first failure stops reading; the calls in flight still
 * finish and are yielded, then the failure is thrown.
 */
export async function* mapConcurrent<T, R>(source: Iterable<T> | AsyncIterable<T>, limit: number, fn: (item: T) => Promise<R>): AsyncGenerator<R> {
  const iterator = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : fromSync(source[Symbol.iterator]());
  const running = new Map<number, Promise<{ id: number; ok: true; value: R } | { id: number; ok: false; error: unknown }>>();
  let next = 0;
  let exhausted = false;
  let failure: { error: unknown } | undefined;
  try {
    for (;;) {
      while (!exhausted && !failure && running.size < limit) {
        const item = await iterator.next();
        if (item.done) {
          exhausted = true;
          break;
        }
        const id = next++;
        running.set(
          id,
          fn(item.value).then(
            (value) => ({ id, ok: true as const, value }),
            (error: unknown) => ({ id, ok: false as const, error }),
          ),
        );
      }
      if (running.size === 0) break;
      const settled = await Promise.race(running.values());
      running.delete(settled.id);
      // Results that finish after a failure are still given: their work is done and worth keeping.
      if (settled.ok) yield settled.value;
      else failure ??= { error: settled.error };
    }
  } finally {
    await iterator.return?.();
  }
  if (failure) throw failure.error;
}

async function* fromSync<T>(items: Iterator<T>): AsyncGenerator<T> {
  for (let item = items.next(); !item.done; item = items.next()) yield item.value;
}
