/** How many requests an endpoint may have in flight now, and what it learns from each reply. */
export interface CapacityLimit {
  current(): number;
  /** A reply came back after `latencyMs`, with `inFlight` requests out when it was sent. */
  observe(latencyMs: number, inFlight: number): void;
  /** The server refused or failed under load (429, 5xx, a timeout). */
  overloaded(): void;
  /** How the limit is set, for the log: "16 slots (llama.cpp /props) + 2 queued", "adaptive". */
  readonly describe: string;
}

/** A limit the server told us: its slots plus a few queued, so that a slot freed never waits for our next request. */
export class SlotLimit implements CapacityLimit {
  readonly describe: string;
  private readonly value: number;

  constructor(slots: number, max: number, source: string) {
    const queued = slotHeadroom(slots);
    this.value = Math.max(1, Math.min(max, slots + queued));
    this.describe = `${slots} slots (${source}) + ${queued} queued${slots + queued > max ? `, held to concurrency ${max}` : ''}`;
  }

  current(): number {
    return this.value;
  }

  observe(): void {}

  overloaded(): void {}
}

/**
 * Requests kept waiting in the server's own queue beyond its slots: one per eight slots, at
 * least one. Enough to cover the round trip between a reply leaving the server and our next
 * request reaching it; more would only wait in the server's queue instead of ours.
 */
export function slotHeadroom(slots: number): number {
  return Math.max(1, Math.ceil(slots / 8));
}
