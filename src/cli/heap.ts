import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the heap grow past what survived the last full collection: 1.5×, where its
 * own choice on a fast machine is up to 4×. A run allocates about 170 KB per one-call episode,
 * mostly in the HTTP client (the openai SDK's headers and undici's fetch streams), and keeps
 * none of it; with 64 requests in flight much of it lives through two young collections and is
 * promoted, so with 4× the old space filled with ~100 MB of dead requests before each full
 * collection (peak RSS 240 MB at 10,000 episodes, 155 MB with 1.5×, for a few more full
 * collections of a ~40 MB live heap). Set once by the process entry, which owns the process.
 */
export const HEAP_GROWING_PERCENT = 50;

export function tuneHeap(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
