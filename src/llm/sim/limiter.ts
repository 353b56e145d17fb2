/**
 * Admits at most `limit` requests at once; the rest wait in arrival order, as requests queue
 * for a batch slot on a GPU server. A waiter whose signal aborts (client gone, server
 * closing) leaves the queue without taking a slot.
 */
export class Slots {
  private inFlight = 0;
  private peak = 0;
  private readonly waiting: Array<{ grant: () => void }> = [];

  constructor(private readonly limit: number) {}

  async acquire(signal: AbortSignal): Promise<() => void> {
    signal.throwIfAborted();
    if (this.inFlight >= this.limit) {
      await new Promise<void>((resolve, reject) => {
        const waiter = {
          grant: () => {
            signal.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = () => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        this.waiting.push(waiter);
      });
    } else {
      this.inFlight += 1;
    }
    this.peak = Math.max(this.peak, this.inFlight);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so nobody can overtake the queue.
      if (next) next.grant();
      else this.inFlight -= 1;
    };
  }

  stats(): { inFlight: number; peakInFlight: number; queued: number } {
    return { inFlight: this.inFlight, peakInFlight: this.peak, queued: this.waiting.length };
  }
}
