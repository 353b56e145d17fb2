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
