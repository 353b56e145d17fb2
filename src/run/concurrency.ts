import { availableParallelism } from 'node:os';
import type { EndpointConfig, ScorerConfig } from '../config/index.js';

/**
 * Episodes in flight: as many as the agent endpoint takes requests at once (concurrency per
 * base URL × URLs), plus an eighth more so that while some episodes are scoring or writing
 * their record, others are already queued for the next free request slot.
 */
export function episodeConcurrency(endpoint: Pick<EndpointConfig, 'baseURL' | 'concurrency'>): number {
  const urls = Array.isArray(endpoint.baseURL) ? endpoint.baseURL.length : 1;
  return episodesFor(endpoint.concurrency * urls);
}

/** Episodes in flight for `requests` allowed in flight (see episodeConcurrency). */
export function episodesFor(requests: number): number {
  return requests + Math.max(2, Math.ceil(requests / 8));
}

/** Scorers that burn CPU in processes of their own (code scorers), bounded by the cores rather than by the endpoint. */
export function isCpuBoundScorer(config: ScorerConfig): boolean {
  if (config.kind === 'code') return true;
  if (config.kind === 'all') return config.scorers.some(isCpuBoundScorer);
  return false;
}

export function scoringConcurrency(): number {
  return Math.max(1, availableParallelism());
}
