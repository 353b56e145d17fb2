/**
 * What the renderers need, as the report's own interfaces: the gate result, the ledger and the
 * iteration files are adapted to these (adapt.ts), so a change in another stage's file format
 * touches one adapter, not four renderers.
 */
import type { Split } from '../core/records.js';
import type { LineBudgetUse } from '../gate/index.js';

export type Decision = 'accept' | 'reject' | 'inconclusive';

/** One rule of the gate policy as the gate judged it (gate.json's reasons). */
export interface ReasonInput {
  rule: string;
  /** The rule held (it did not stand in the way of accepting). */
  passed: boolean;
  /** What a failure of it leads to. */
  effect: 'reject' | 'inconclusive';
  threshold: number | string | null;
  observed: number | null;
  /** Example keys (`suite/id`) behind the observation, possibly cut (see exampleCount). */
  examples: string[];
  exampleCount: number;
  /** The gate's sentence for it. */
  message: string;
}

/** Passes out of measured repeats (errors are not measured). */
export interface Rate {
  passes: number;
  measured: number;
  errors: number;
}

/** As the gate classes an example; `undecided`: an even split on a side; `unmeasured`: no scored sample on a side. */
export type ExampleKind = 'p2f' | 'f2p' | 'stable-pass' | 'stable-fail' | 'undecided' | 'unmeasured';

/** One example compared between the baseline and the RC. */
export interface ExampleInput {
  suite: string;
  exampleId: string;
  split: Split;
  baseline: Rate;
  rc: Rate;
  kind: ExampleKind;
  /** A flip that survived the confirmation reruns on both versions. */
  confirmed: boolean;
  /** Its outcome changed against itself: reported, never counted. */
  flaky: boolean;
  /** The gate marked it must-pass (known for flips and the must-pass rule's examples). */
  mustPass: boolean;
}

/** Flipped examples by what they count as: confirmed dev and holdout flips, flaky, unconfirmed. */
export interface FlipCounts {
  p2f: number;
  f2p: number;
  holdoutP2F: number;
  holdoutF2P: number;
  flaky: number;
  unconfirmed: number;
}

export interface GateInput {
  decision: Decision;
  /** The gate policy's name. */
  policy: string;
  reasons: ReasonInput[];
  examples: ExampleInput[];
  /** On accept: the regressions (`suite/id`) the promotion ships knowingly (the gate's acceptedRegressions). */
  acceptedRegressions: string[];
  /** What a net-benefit decision used of the line's false-promotion budget (gate.json's `budget`). */
  budget: LineBudgetUse | null;
  /** The flip counts: confirmed dev flips (what the rules count), confirmed holdout flips, flaky and unconfirmed ones. */
  stats: FlipCounts & {
    pValue: number | null;
    /** Confirmed P→F over baseline passes; null with no baseline pass. */
    p2fRate: number | null;
    f2pRate: number | null;
    /** Sample pass rates of each version's first run per split. */
    passRate: { baseline: SplitRates; rc: SplitRates };
    errorRate: { baseline: number; rc: number };
    intentAlignment: number | null;
    examples: number;
  };
}

export interface SplitRates {
  dev: number | null;
  holdout: number | null;
}

/** One role's model use. */
export interface UsageInput {
  role: string;
  calls: number;
  cacheHits: number;
  promptTokens: number;
  completionTokens: number;
  /** null when the role has no pricing configured. */
  cost: number | null;
}

export type IterationOutcome = Decision | 'no-candidate' | 'pending';

/** One line of the ledger, as far as the charts need it. */
export interface LedgerPoint {
  iteration: number;
  /** The version on the line after this iteration (`v3`), or null before the first release. */
  version: string | null;
  outcome: IterationOutcome;
  p2f: number | null;
  f2p: number | null;
  pValue: number | null;
  /** Pass rates of the version the line holds after this iteration (the RC's when accepted). */
  passRate: SplitRates;
  /** Failing dev records per symptom label in the iteration's baseline. */
  symptoms: Record<string, number>;
  simulated: boolean;
}

export interface SymptomInput {
  label: string;
  records: number;
  examples: number;
  shareOfFailures: number;
  expectedGain: number;
  description?: string;
}

export interface DiagnosisInput {
  symptoms: SymptomInput[];
  target: { status: 'targeted' | 'no-actionable-symptom'; targets: string[]; reason: string };
  failingRecords: number;
  simulated: boolean;
}

export interface IntentInput {
  targets: string[];
  summary: string;
  expectedFixes: string[];
}

/** Everything one report is rendered from; every part may be missing (`missing` says why). */
export interface ReportInput {
  agent: string;
  iteration: number;
  /** Stamped by the caller: renderers read no clock. */
  generatedAt: string | null;
  gate: GateInput | null;
  diagnosis: DiagnosisInput | null;
  intent: IntentInput | null;
  patch: string | null;
  /** Symptom labels of the baseline's critiques, by example key (`suite/id`). */
  labels: ReadonlyMap<string, string[]>;
  usage: UsageInput[];
  runs: { baseline: string | null; rc: string | null; confirmation: string[] };
  commits: { baseline: string | null; rc: string | null; rcBranch: string | null };
  /** The iteration's outcome as recorded (iteration.json), when there is no gate result. */
  outcome: string | null;
  /** Why the iteration has no candidate, as synthesis.json or the ledger line says. */
  noCandidateReason?: string | null;
  ledger: LedgerPoint[];
  /** Any part came from the simulated world. */
  simulated: boolean;
  /** Files that were looked for and not found (or unreadable), with what that means. */
  missing: Array<{ file: string; meaning: string }>;
  /** The evidence of flipped examples by key (`suite/id`); absent keys have none. */
  evidence?: ReadonlyMap<string, EvidenceInput>;
  /** Set when the report is about `agentdevel check` (two versions of any origin), not an iteration of the loop. */
  check?: CheckSubject | null;
}

/** The two versions a check compared: git refs as given, and their commits (null: the working tree as it is). */
export interface CheckSubject {
  base: { ref: string; commit: string };
  head: { ref: string; commit: string | null };
}

/** What one version did on an example: one representative record, clipped. */
export interface AnswerInput {
  status: 'pass' | 'fail' | 'error';
  /** The final answer as text (JSON for structured output), clipped. */
  answer: string;
  /** The tool calls made, in order, each as `name(arguments)`, clipped. */
  toolCalls: string[];
  /** The scorer's feedback (or the error's reason), clipped. */
  feedback: string;
}

/** The evidence of one flipped example: the task, what was expected, and both versions' answers. */
export interface EvidenceInput {
  /** The task as the model saw it, clipped; null when the suite no longer holds the example. */
  task: string | null;
  /** The expected value as text, clipped; null when the example names none. */
  expected: string | null;
  baseline: AnswerInput | null;
  rc: AnswerInput | null;
}
