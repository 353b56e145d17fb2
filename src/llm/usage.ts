import type { EndpointConfig } from '../config/index.js';
import type { RoleUsage, TokenUsage } from './types.js';

/**
 * Counts one role's model use. `calls` counts every answered chat call, cache hits included;
 * tokens and cost count only fresh replies (what was actually spent).
 */
export class UsageMeter {
  private readonly totals: RoleUsage = { calls: 0, cacheHits: 0, retries: 0, failures: 0, promptTokens: 0, completionTokens: 0, cost: 0 };

  constructor(private readonly pricing: EndpointConfig['pricing']) {}

  hit(): void {
    this.totals.calls++;
    this.totals.cacheHits++;
  }

  answered(usage: TokenUsage): void {
    this.totals.calls++;
    this.totals.promptTokens += usage.promptTokens;
    this.totals.completionTokens += usage.completionTokens;
    if (this.pricing) {
      this.totals.cost += (usage.promptTokens * this.pricing.promptPerMillion + usage.completionTokens * this.pricing.completionPerMillion) / 1e6;
    }
  }

  retried(): void {
    this.totals.retries++;
  }

  failed(): void {
    this.totals.failures++;
  }

  snapshot(): RoleUsage {
    return { ...this.totals };
  }
}
