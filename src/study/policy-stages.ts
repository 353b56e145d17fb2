import { decide, emptyFlakyMemory, FRESH_LINE, mustPassOf, nextConfirmationRound, withConfirmationRound, type DecideInput, type FlakyMemory, type GateResult, type LineBudget } from '../gate/index.js';
import type { IterationStages, Spent } from '../release/loop/index.js';
import { refusedFromGate } from '../release/history/index.js';
import type { LoadedSuite } from '../suite/index.js';
import type { RefusedCandidate } from '../synthesis/index.js';
import type { LineWork } from './line-work.js';
import { observedFlips, type ObservedFlips } from './account.js';
import type { StudyPolicy } from './setup.js';
import type { StudyVersion } from './version.js';

/** One iteration of one policy's line, as the ground-truth accounting reads it. */
export interface StudyStep {
  n: number;
  parent: StudyVersion;
  candidate: StudyVersion | null;
  decision: 'accept' | 'reject' | 'inconclusive' | 'no-candidate';
  /** Observed flips of the paired runs the gate compared (first samples, before any confirmation). */
  observed: ObservedFlips | null;
  /** The gate's rules the candidate did not meet. */
  failedRules: string[];
  /** Regressions the gate named when it promoted (confirmed P→F it let through), `suite/id`. */
  acceptedRegressions: string[];
}

export interface PolicyLine {
  stages: IterationStages<StudyVersion>;
  /** Each iteration as it was recorded. */
  steps: StudyStep[];
  /** The version the line holds now. */
  current(): StudyVersion;
}

/**
 * The stages of the release loop (src/release/loop) in memory for one gate policy on one line:
 * the shared work for everything a version determines, the pure gate with this policy and its
 * own flaky memory, and promotion as replacing the current version. Each policy is charged the
 * full model use of the work it used.
 */
export function policyStages(work: LineWork, policy: StudyPolicy, suites: readonly LoadedSuite[], start: StudyVersion): PolicyLine {
  let current = start;
  let released = 0;
  let memory: FlakyMemory = emptyFlakyMemory();
  let budget: LineBudget = FRESH_LINE;
  /** The line's refused candidates, as the engineer is shown them (when the policy's engineer sees history). */
  const refused: RefusedCandidate[] = [];
  /** The regressions the line's promotions shipped knowingly: the next diagnoses' known regressions. */
  const known: Array<{ key: string; iteration: number }> = [];
  const examples = new Map<string, LoadedSuite['examples'][number]>(suites.flatMap((suite) => suite.examples.map((e) => [`${suite.name}/${e.id}`, e] as const)));
  const mustPass = mustPassOf(policy, suites);
  const spent = new Map<number, Spent>();
  const steps: StudyStep[] = [];
  const pending = new Map<number, { parent: StudyVersion; candidate: StudyVersion | null; observed: ObservedFlips | null }>();
  const pendingRefusal = new Map<number, RefusedCandidate>();
  const charge = (n: number, cost: Spent) => {
    const sum = spent.get(n) ?? { calls: 0, tokens: 0 };
    spent.set(n, { calls: sum.calls + cost.calls, tokens: sum.tokens + cost.tokens });
  };

  const stages: IterationStages<StudyVersion> = {
    async begin(n) {
      pending.set(n, { parent: current, candidate: null, observed: null });
      return current;
    },
    async run(n, side, version) {
      const run = await work.run(n, version);
      charge(n, run.cost);
      return run;
    },
    async critique(n) {
      charge(n, (await work.critiques(n, pending.get(n)!.parent)).cost);
    },
    async diagnose(n) {
      await work.diagnosis(n, pending.get(n)!.parent, [...known]);
    },
    async synthesize(n, version) {
      const made = await work.synthesis(n, version, policy.history ? refused : [], [...known]);
      charge(n, made.cost);
      if (made.kind !== 'candidate') {
        if (made.duplicateOf) refused.push({ iteration: n, outcome: 'duplicate', candidateHash: null, intent: null, diff: [], rules: [], regressions: [], duplicateOf: made.duplicateOf });
        return { kind: made.kind, reason: made.reason };
      }
      pending.get(n)!.candidate = made.candidate;
      return { kind: 'candidate', candidate: made.candidate };
    },
    async gate(n, { version, candidate }) {
      const [baseline, rc, { critiques }, made] = await Promise.all([work.run(n, version), work.run(n, candidate), work.critiques(n, version), work.synthesis(n, version, policy.history ? refused : [], [...known])]);
      pending.get(n)!.observed = observedFlips(baseline.outcomes, rc.outcomes);
      let input: DecideInput = {
        policy,
        baseline: baseline.outcomes,
        candidate: rc.outcomes,
        critiques,
        ...(made.kind === 'candidate' ? { intent: made.intent } : {}),
        mustPass,
        flakyMemory: memory,
        lineBudget: budget,
      };
      for (let round = 0, keys = nextConfirmationRound(input); keys.length > 0; round++, keys = nextConfirmationRound(input)) {
        const reruns = await work.confirmation(n, { baseline: version, candidate }, keys, round);
        charge(n, reruns.baseline.cost);
        charge(n, reruns.candidate.cost);
        input = withConfirmationRound(input, { baseline: reruns.baseline.outcomes, candidate: reruns.candidate.outcomes });
      }
      const result = decide(input);
      if (made.kind === 'candidate') {
        const firstOutput = (run: typeof baseline) => (key: string) => run.records.find((r) => `${r.suite}/${r.exampleId}` === key)?.output;
        const refusal = refusedFromGate({
          iteration: n,
          gate: result,
          candidateHash: candidate.hash,
          intent: made.intent,
          change: { patch: made.patch },
          example: (key) => examples.get(key),
          output: (side, key) => firstOutput(side === 'baseline' ? baseline : rc)(key),
        });
        if (refusal) pendingRefusal.set(n, refusal);
      }
      return result;
    },
    async report() {},
    async record(n, outcome: { gate: GateResult | null }) {
      const step = pending.get(n)!;
      pending.delete(n);
      const decision = outcome.gate?.decision ?? 'no-candidate';
      const refusal = pendingRefusal.get(n);
      pendingRefusal.delete(n);
      // Every refusal the line records is history for its later requests, as the release loop reads it from the ledger.
      if (refusal && decision !== 'accept') refused.push(refusal);
      if (decision === 'accept') for (const key of outcome.gate?.acceptedRegressions ?? []) known.push({ key, iteration: n });
      // Every gated iteration's record carries the gate's flaky memory onto the line, as the release does.
      if (outcome.gate) memory = outcome.gate.flakyMemory;
      if (outcome.gate?.budget) budget = { spent: outcome.gate.budget.spentAfter, decisions: budget.decisions + 1 };
      if (decision === 'accept' && step.candidate) current = { ...step.candidate, label: `v${++released}` };
      const failedRules = outcome.gate?.reasons.filter((r) => !r.passed).map((r) => r.rule) ?? [];
      steps.push({ n, parent: step.parent, candidate: step.candidate, decision, observed: step.observed, failedRules, acceptedRegressions: outcome.gate?.acceptedRegressions ?? [] });
      return current;
    },
    async spent(n) {
      return spent.get(n) ?? { calls: 0, tokens: 0 };
    },
  };
  return { stages, steps, current: () => current };
}
