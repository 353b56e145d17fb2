import type { z } from 'zod';
import type { exactScorerSchema } from '../config/index.js';
import { asText, quote, readField } from './field.js';
import { firstDifference, normalizeText } from './normalize.js';
import { cannotScore, failed, passed } from './result.js';
import type { Scorer } from './types.js';

type ExactConfig = z.infer<typeof exactScorerSchema>;

/** The acceptable answers of an example: a string or number, or a list of them. */
function acceptable(expected: unknown): string[] | undefined {
  const list = Array.isArray(expected) ? expected : [expected];
  if (list.length === 0 || !list.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) return undefined;
  return list.map(String);
}

/** Passes when the answer equals an expected text after the configured normalisation. */
export function exactScorer(config: ExactConfig): Scorer {
  const where = `expected${config.expectedField ? `.${config.expectedField}` : ''}`;
  return {
    check(example) {
      return acceptable(readField(example.expected, config.expectedField)) ? undefined : `${where} must be a text (or a list of acceptable texts) for the exact scorer`;
    },
    async score({ example, output }) {
      const wanted = acceptable(readField(example.expected, config.expectedField));
      if (!wanted) return cannotScore(`${where} is not a text (or list of texts)`);
      const got = asText(readField(output, config.field));
      if (got === undefined) return failed(`no ${config.field} in the output; expected ${quote(wanted[0])}`);
      const gotNorm = normalizeText(got, config.normalize);
      const hit = wanted.find((w) => normalizeText(w, config.normalize) === gotNorm);
      if (hit !== undefined) return passed(`${config.field} matches the expected ${quote(hit)}`);
      const first = normalizeText(wanted[0]!, config.normalize);
      const diff = firstDifference(first, gotNorm);
      const options = wanted.length > 1 ? ` (or any of ${wanted.length - 1} other accepted answers)` : '';
      return failed(
        `${config.field} does not match: expected ${quote(wanted[0])}${options}, got ${quote(got)}` +
          (diff ? `; after normalisation they first differ at character ${diff.index}: expected ${diff.expected}, got ${diff.got}` : ''),
      );
    },
  };
}
