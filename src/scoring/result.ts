import { AgentdevelError } from '../core/errors.js';
import type { ScoreResult } from './types.js';

export function passed(feedback: string, score = 1): ScoreResult {
  return { pass: true, score, feedback };
}

export function failed(feedback: string, score = 0): ScoreResult {
  return { pass: false, score: Math.max(0, Math.min(1, score)), feedback };
}

/**
 * The scorer cannot judge this example (its pattern does not compile, its `expected` has the
 * wrong shape): a fault of the suite, not of the agent, so the record is an `error`, never a `fail`.
 */
export function cannotScore(problem: string): never {
  throw new AgentdevelError('ESCORER', `cannot score: ${problem}`, { details: 'Fix the suite (`agentdevel validate` lists every such example), then rerun with --retry-errors.' });
}
