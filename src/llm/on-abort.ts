/**
 * One 'abort' listener per signal, however many calls wait on it. A command's interrupt is
 * shared by every call it makes, and with a listener each, a run of more than ten calls in
 * flight (or waiting for a slot) would print MaxListenersExceededWarning; a Set is also
 * cheaper than an EventTarget listener. The listener goes once the last watcher leaves, so a
 * signal that outlives the calls keeps nothing of them.
 */
interface Watchers {
  callbacks: Set<() => void>;
  listener: () => void;
}

const watched = new WeakMap<AbortSignal, Watchers>();

/** Calls `callback` when `signal` aborts (at once if it has); the function returned stops watching. */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  if (signal.aborted) {
    callback();
    return () => {};
  }
  let watchers = watched.get(signal);
  if (!watchers) {
    const callbacks = new Set<() => void>();
    const listener = () => {
      watched.delete(signal);
      for (const fire of callbacks) fire();
    };
    watchers = { callbacks, listener };
    watched.set(signal, watchers);
    signal.addEventListener('abort', listener, { once: true });
  }
  // A wrapper of our own, so the same callback watched twice is two watchers.
  const entry = () => callback();
  const { callbacks, listener } = watchers;
  callbacks.add(entry);
  return () => {
    if (!callbacks.delete(entry) || callbacks.size > 0) return;
    watched.delete(signal);
    signal.removeEventListener('abort', listener);
  };
}

/** A signal that follows `parent` until unlink(), after which `parent` holds nothing of it. */
export function linkSignal(parent: AbortSignal): { signal: AbortSignal; unlink(): void } {
  const controller = new AbortController();
  const unlink = onAbort(parent, () => controller.abort(parent.reason));
  return { signal: controller.signal, unlink };
}
