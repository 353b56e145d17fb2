import type { GateResult } from '../../gate/index.js';

/** The outcome of one iteration as the ledger records it. */
export type IterationDecision = 'accept' | 'reject' | 'inconclusive' | 'no-candidate';

/** Pass rates of one version's run, per split (null where the split has no scored sample). */
export interface SplitPassRates {
  dev: number | null;
  holdout: number | null;
}

/** A finished run of one version in an iteration: its id and what it measured. */
export interface RunRef {
  runId: string;
  passRate: SplitPassRates;
}

/** Model use, for the budget stop rule: fresh calls (cache hits are free) and tokens. */
export interface Spent {
  calls: number;
  tokens: number;
}

/** What synthesize made: one candidate, or why there is none (`no-target`: no actionable symptom). */
export type Synthesized<V> = { kind: 'candidate'; candidate: V } | { kind: 'no-target' | 'no-candidate'; reason: string };

/** A version as the loop sees it: whatever the stages need, plus a label for people (`v2`, `rc-3`). */
export interface VersionHandle {
  label: string;
}

/**
 * The stages of one iteration, as functions that know nothing of each other: each gets what
 * the loop hands it and returns what the next one needs. The release command builds them on the
 * store and git (storedStages); a study builds them in memory. Every stage must be safe to call
 * again for an iteration it already did (the stored ones find their files and return them), so
 * a killed release resumes by simply running the iteration again.
 */
export interface IterationStages<V extends VersionHandle> {
  /** The version iteration n improves: pinned when the iteration begins, so a resumed one gets the same. */
  begin(n: number): Promise<V>;
  /** A fresh run of a version on iteration n's sample range; the baseline and the candidate share it (same examples, seeds, repeats). */
  run(n: number, side: 'baseline' | 'candidate', version: V): Promise<RunRef>;
  /** Blind critique of the baseline run's failures (and a sample of passes). */
  critique(n: number, baseline: RunRef): Promise<void>;
  /** Diagnosis of the baseline's records and critiques into a specification. */
  diagnose(n: number, baseline: RunRef): Promise<void>;
  /** Exactly one candidate from the specification, or why there is none. */
  synthesize(n: number, version: V): Promise<Synthesized<V>>;
  /** The gate with its confirmation reruns (fresh, on both versions). */
  gate(n: number, input: { version: V; candidate: V; baseline: RunRef; rc: RunRef }): Promise<GateResult>;
  /** The audit report of the iteration (before it is recorded: the record commits it). */
  report(n: number, outcome: { gate: GateResult | null; reason?: string }): Promise<void>;
  /** Promote on accept, else record the decision; returns the version the line holds afterwards. */
  record(n: number, outcome: { gate: GateResult | null; reason?: string }): Promise<V>;
  /** Model use of iteration n, for the budget. */
  spent(n: number): Promise<Spent>;
  /** A fresh run of a version on the holdout split only, once at the end of a release; `after` is the last iteration. */
  holdout?(version: V, after: number): Promise<RunRef>;
}

/** One iteration, as the per-iteration line and the stop rules read it. */
export interface IterationResult {
  n: number;
  decision: IterationDecision;
  /** Why there is no candidate. */
  reason?: string;
  /** The diagnosis found no actionable symptom (a stop rule). */
  noTarget: boolean;
  /** The version improved on, and the one the line holds afterwards. */
  from: string;
  to: string;
  p2f: number | null;
  f2p: number | null;
  flaky: number | null;
  /** The p-value the policy decided on: the net-benefit test's (net-benefit mode), else McNemar's. */
  pValue: number | null;
  /** The level a net-benefit decision tested at (from the line's false-promotion budget); null in other modes. */
  level: number | null;
  /** The gate's rules the candidate did not meet (none on accept). */
  failedRules: string[];
  /** Net confirmed holdout regressions over holdout examples (the gate's holdoutDrop); null without a gate. */
  holdoutDrop: number | null;
  passRate: { baseline: SplitPassRates; candidate: SplitPassRates | null };
  runs: { baseline: string; candidate: string | null };
  spent: Spent;
}

/** The release's limits: `release:` of agentdevel.yaml plus the gate policy's holdout threshold. */
export interface StopLimits {
  iterations: number;
  maxConsecutiveRejections: number;
  budget: { calls?: number | undefined; tokens?: number | undefined };
  /** The largest holdout drop the accepted versions may add up to (the gate policy's holdout.maxDrop). */
  maxHoldoutDrop: number;
}

export type StopRule = 'iterations' | 'consecutive-rejections' | 'no-actionable-symptom' | 'budget' | 'holdout-drop';

export interface StopReason {
  rule: StopRule;
  /** One sentence for people. */
  message: string;
  observed: number | null;
  threshold: number | null;
}

/** The holdout evaluated once at the end: a fresh run of the final version, against the first baseline's. */
export interface HoldoutEvaluation {
  runId: string;
  version: string;
  passRate: number | null;
  /** The holdout pass rate of the first iteration's baseline (where this release started). */
  start: number | null;
}

export interface LineResult {
  iterations: IterationResult[];
  stop: StopReason;
  holdout: HoldoutEvaluation | null;
  spent: Spent;
}
