import { fail } from '../core/errors.js';
import type { DecideInput, GateResult } from './types.js';

/** The gate's decision, with every reason as data: the gate.json document. */
export function decide(input: DecideInput): GateResult {
  return fail('EINTERNAL', `decide: not implemented yet (${input.policy.mode})`);
}
