import { fail } from '../core/errors.js';
import type { Scorer } from './types.js';

/** The model critic's verdict against a rubric; it comes with the blind critic (issue 4). */
export function criticScorer(): Scorer {
  return fail('ENOT_AVAILABLE', 'the "critic" scorer is not available yet: it needs the blind critic, which has not landed', {
    details: 'Score this suite with a programmatic scorer for now (exact, regex, json-schema, tool-calls, code or custom).',
  });
}
