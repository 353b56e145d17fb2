import { unitHash } from '../core/hash.js';
import type { Split } from '../core/records.js';

/**
 * The split of an example: a stable hash of its id and the suite's salt, below the holdout
 * share means holdout. Adding or removing other examples never moves an example.
 */
export function splitOf(id: string, split: { holdout: number; salt: string }): Split {
  return unitHash('split', split.salt, id) < split.holdout ? 'holdout' : 'dev';
}
