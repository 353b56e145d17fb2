/**
 * The gate's public types. The gate is pure: records, critiques and a policy in, a decision with
 * its reasons out; reading files and running confirmation episodes belong to the caller.
 */
import type { GatePolicy } from '../config/index.js';
import type { ExitCode } from '../core/errors.js';
import type { RecordStatus, Split } from '../core/records.js';

/** The part of a RunRecord the gate reads: full RunRecords fit, and so do lighter objects. */
export interface GateRecord {
  suite: string;
  exampleId: string;
  split: Split;
  tags: readonly string[];
  status: RecordStatus;
}

/** Sample counts of one example on one side. An `error` (infrastructure) is never a fail. */
export interface SampleCounts {
  pass: number;
  fail: number;
  error: number;
}

/** One example on one side, reduced to counts: key `suite/id`. */
export interface ExampleOutcome extends SampleCounts {
  key: string;
  suite: string;
  exampleId: string;
  split: Split;
  tags: readonly string[];
}

/** The records of one side (a run, or the confirmation reruns of one version), reduced. */
export interface Outcomes {
  examples: ReadonlyMap<string, ExampleOutcome>;
  /** Records seen, errors included. */
  records: number;
  errors: number;
}

/** A side's verdict on an example from its samples: see verdictOf in flips.ts for the rule. */
export type Verdict = 'pass' | 'fail' | 'tie' | 'none';

/** How an example moved between baseline and candidate on the first samples (before confirmation). */
export type FlipClass = 'p2f' | 'f2p' | 'stablePass' | 'stableFail' | 'undecided' | 'missing';

/** What a flip turned out to be after confirmation (or memory). */
export type FlipStatus = 'confirmed' | 'flaky' | 'unconfirmed';

/** Why a flip is flaky: its own samples disagree on a side, or the flaky memory remembers it. */
export type FlakySource = 'samples' | 'memory';

export interface SideSummary extends SampleCounts {
  /** pass / (pass + fail); null without a scored sample. */
  passRate: number | null;
}

/** One flipped example as gate.json reports it. */
export interface FlipEntry {
  key: string;
  suite: string;
  exampleId: string;
  split: Split;
  tags: readonly string[];
  /** The direction observed on the first samples. */
  direction: 'p2f' | 'f2p';
  status: FlipStatus;
  flakySource?: FlakySource;
  /** All samples of this example, first run and confirmation reruns together. */
  baseline: SideSummary;
  candidate: SideSummary;
  mustPass: boolean;
  /** Symptom labels the critic gave this example's failing baseline records (empty when none was critiqued). */
  baselineSymptoms: string[];
}

export type GateDecision = 'accept' | 'reject' | 'inconclusive';

export type GateRuleName =
  | 'coverage'
  | 'confirmation'
  | 'error-budget'
  | 'must-pass'
  | 'max-p2f'
  | 'max-p2f-rate'
  | 'min-f2p'
  | 'mcnemar'
  | 'holdout'
  | 'intent-alignment'
  | 'net-benefit'
  | 'aggregate'
  | 'always';

/** One rule's verdict. A failed rule rejects, or (missing data) makes the gate inconclusive. */
export interface GateReason {
  rule: GateRuleName;
  passed: boolean;
  /** What a failure leads to: reject, or inconclusive for rules about missing data. */
  effect: 'reject' | 'inconclusive';
  /** The policy's number (or setting) the rule compared against. */
  threshold: number | string | null;
  /** What was measured; null when there was nothing to measure. */
  observed: number | null;
  /** The example keys behind the observation (the offending ones when it failed), at most 50. */
  examples: string[];
  /** How many examples are behind it, when more than the list holds. */
  exampleCount: number;
  message: string;
}

export interface GateCounts {
  /** Examples on either side. */
  examples: number;
  dev: number;
  holdout: number;
  /** Confirmed dev flips: these are what the rules count. */
  p2f: number;
  f2p: number;
  /** Confirmed holdout flips (the holdout rule's inputs). */
  holdoutP2F: number;
  holdoutF2P: number;
  /** Flips observed on the first samples, both splits, before confirmation. */
  observedP2F: number;
  observedF2P: number;
  stablePass: number;
  stableFail: number;
  /** Flips found flaky (both splits). */
  flaky: number;
  /** Flips that needed confirmation and lack it. */
  unconfirmed: number;
  /** An even split of passes and fails on a side: neither flip nor stable. */
  undecided: number;
  /** No scored sample on a side, or absent from one side. */
  missing: number;
  /** Dev examples the baseline passes / fails (the rate denominators). */
  baselinePasses: number;
  baselineFails: number;
  records: { baseline: number; candidate: number; confirmation: number };
  errors: { baseline: number; candidate: number; confirmation: number };
}

export interface GateRates {
  /** Confirmed dev P→F over dev examples the baseline passes; null when it passes none. */
  p2fRate: number | null;
  /** Confirmed dev F→P over dev examples the baseline fails; null when it fails none. */
  f2pRate: number | null;
  /** Sample pass rates of the first runs (confirmation reruns left out), per split. */
  passRate: {
    baseline: { dev: number | null; holdout: number | null };
    candidate: { dev: number | null; holdout: number | null };
  };
  /** Net confirmed holdout regressions over holdout examples (the holdout rule's measure). */
  holdoutDrop: number | null;
  /** Error records over all records, per side (confirmation reruns included). */
  errorRate: { baseline: number; candidate: number };
  intentAlignment: number | null;
}

/** Examples measured flaky, remembered across iterations (see flaky-memory.ts for the rule). */
export interface FlakyMemory {
  schemaVersion: 1;
  /** Per example key: consecutive stable observations since it was last seen unstable. */
  examples: Record<string, { stableRuns: number }>;
}

/**
 * What a net-benefit decision used of the version line's false-promotion budget
 * (src/gate/line-budget.ts): enough to recompute the line's spent budget from the ledger alone.
 */
export interface LineBudgetUse {
  /** The line's total budget (policy netBenefit.alpha). */
  alpha: number;
  /** Share of the unspent budget each decision tests at (policy netBenefit.spend). */
  spend: number;
  margin: number;
  /** The level this decision tested at: spend × (alpha − spentBefore). */
  level: number;
  /** The one-sided p-value of the net-benefit test. */
  pValue: number;
  spentBefore: number;
  /** spentBefore, plus the level when the decision did not promote. */
  spentAfter: number;
}

/** The document written as gate.json. */
export interface GateResult {
  schemaVersion: 1;
  decision: GateDecision;
  exitCode: ExitCode;
  policy: GatePolicy & { name?: string };
  counts: GateCounts;
  rates: GateRates;
  /** Exact McNemar p-value on the confirmed dev flips. */
  pValue: number;
  /** Every observed flip with what it turned out to be, sorted by key. */
  flips: FlipEntry[];
  /** Keys of the flips found flaky, sorted. */
  flaky: string[];
  reasons: GateReason[];
  /**
   * Net-benefit mode: what the decision used of the line's false-promotion budget; null in other
   * modes (absent in gate.json files written before it existed).
   */
  budget?: LineBudgetUse | null;
  /**
   * On accept: every regression the promotion ships, confirmed or left unconfirmed because no rerun
   * could change the decision (both splits, sorted); empty otherwise. Named in the ledger, the
   * report and the record commit's trailers, and a target of the next diagnosis.
   */
  acceptedRegressions?: string[];
  /** The memory to keep for the next iteration. */
  flakyMemory: FlakyMemory;
}

/** What the engineer said the candidate targets (synthesis' Intent fits). */
export interface GateIntent {
  targets: readonly string[];
}

/** The part of a CritiqueRecord the intent rule reads. */
export interface GateCritique {
  suite: string;
  exampleId: string;
  /** The critiqued record's status; critiques of passing records (fragile passes) are not failures and are skipped. */
  status?: 'pass' | 'fail';
  symptoms: ReadonlyArray<{ label: string }>;
}

export interface DecideInput {
  policy: GatePolicy & { name?: string };
  /** The fresh run of the current version. */
  baseline: Outcomes;
  /** The RC's run on the same examples, seeds and repeats. */
  candidate: Outcomes;
  /** Outcomes of the confirmation reruns (every round summed), per side; absent when none were run. */
  confirmations?: { baseline: Outcomes; candidate: Outcomes };
  /**
   * The first confirmation round alone (also in confirmations): net-benefit mode selects its test's
   * examples with it (the flips that held), and tests on the later rounds.
   */
  firstRound?: { baseline: Outcomes; candidate: Outcomes };
  /** Critiques of the baseline run (for intent alignment and the flips' symptom labels). */
  critiques?: Iterable<GateCritique>;
  intent?: GateIntent;
  /** Further must-pass entries (suites' ones, as `suite/id`: see mustPassOf). */
  mustPass?: readonly string[];
  flakyMemory?: FlakyMemory;
  /** Net-benefit mode: what the version line spent of its false-promotion budget before this decision (default: a fresh line). */
  lineBudget?: { spent: number; decisions: number };
}
