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

/**
 * A real net-benefit acceptance that ships a regression: twelve dev examples, the RC fixes six
 * of the eight the baseline fails and breaks ex10, every flip holding on three sequential
 * confirmation rounds.
 */
export function netBenefitAccept(): GateResult {
  const policy = gatePolicySchema.parse({ name: 'default', mode: 'net-benefit', minIntentAlignment: 0, holdout: { maxDrop: 0 } });
  const twelve = Array.from({ length: 12 }, (_, i) => `ex${i}`);
  const before = (i: number): GateRecord['status'] => (i < 8 ? 'fail' : 'pass');
  const after = (i: number): GateRecord['status'] => (i < 6 ? 'pass' : i === 10 ? 'fail' : before(i));
  const flipped = twelve.filter((_, i) => before(i) !== after(i));
  const side = (status: (i: number) => GateRecord['status'], keys: readonly string[]) => outcomesOf(keys.map((id) => record(id, status(twelve.indexOf(id)))));
  const round = { baseline: side(before, flipped), candidate: side(after, flipped) };
  const three = { baseline: outcomesOf([0, 1, 2].flatMap(() => flipped.map((id) => record(id, before(twelve.indexOf(id)))))), candidate: outcomesOf([0, 1, 2].flatMap(() => flipped.map((id) => record(id, after(twelve.indexOf(id)))))) };
  const result = decide({ policy, baseline: side(before, twelve), candidate: side(after, twelve), firstRound: round, confirmations: three });
  if (result.decision !== 'accept') throw new Error(`gate fixture: the net-benefit gate said ${result.decision}`);
  return result;
}
