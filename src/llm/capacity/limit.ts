/** How many requests an endpoint may have in flight now, and what it learns from each reply. */
export interface CapacityLimit {
  current(): number;
  /** A reply came back after `latencyMs`, with `inFlight` requests out when it was sent. */
  observe(latencyMs: number, inFlight: number): void;
  /** The server refused or failed under load (429, 5xx, a timeout). */
  overloaded(): void;
  /** How the limit is set, for the log. */
  readonly describe: string;
}

/**
 * Requests kept waiting in the server's own queue beyond its slots: one per eight slots, at
 * least one. Enough to cover the round trip between a reply leaving the server and our next
 * request reaching it; more would only wait in the server's queue instead of ours.
 */
export function slotHeadroom(slots: number): number {
  return Math.max(1, Math.ceil(slots / 8));
}
