import { gatePolicySchema } from '../../src/config/index.js';
import { decide, outcomesOf, type GateDecision, type GateRecord, type GateResult } from '../../src/gate/index.js';

/** Ten dev examples: the baseline fails the first three. */
const ids = Array.from({ length: 10 }, (_, i) => `ex${i}`);
const record = (exampleId: string, status: GateRecord['status']): GateRecord => ({ suite: 'weather', exampleId, split: 'dev', tags: [], status });

/**
 * A real gate verdict (src/gate's decide on generated records) of each kind: accept (the RC
 * fixes three examples), reject (it fixes three and breaks two), inconclusive (half its
 * records are infrastructure errors).
 */
export function gateFor(decision: GateDecision): GateResult {
  const policy = gatePolicySchema.parse({ name: 'test', confirmRuns: 0, minIntentAlignment: 0 });
  const baseline = outcomesOf(ids.map((id, i) => record(id, i < 3 ? 'fail' : 'pass')));
  const candidateStatus = (i: number): GateRecord['status'] => {
    if (decision === 'inconclusive' && i >= 5) return 'error';
    if (decision === 'reject' && (i === 8 || i === 9)) return 'fail';
    return 'pass';
  };
  const candidate = outcomesOf(ids.map((id, i) => record(id, candidateStatus(i))));
  const result = decide({ policy, baseline, candidate });
  if (result.decision !== decision) throw new Error(`gate fixture: wanted ${decision}, the gate said ${result.decision}`);
  return result;
}
