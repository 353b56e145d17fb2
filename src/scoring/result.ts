import type { ScoreResult } from './types.js';

export function passed(feedback: string, score = 1): ScoreResult {
  return { pass: true, score, feedback };
}

export function failed(feedback: string, score = 0): ScoreResult {
  return { pass: false, score: Math.max(0, Math.min(1, score)), feedback };
}
