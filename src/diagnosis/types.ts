/**
 * The shape of a diagnosis: what `diagnosis.json` holds. Every list is sorted and every share
 * rounded (see numbers.ts), so the same records and critiques give the same bytes.
 */

export const DIAGNOSIS_SCHEMA_VERSION = 1;

/** Counted pieces of one thing, sorted by count (descending) then name. */
export interface Count {
  name: string;
  count: number;
}

export interface InputSummary {
  agent: string | null;
  iteration: number | null;
  runIds: string[];
  /** True when the run or any critique came from the simulated world. */
  simulated: boolean;
  records: number;
  /** Holdout records are dropped at the entrance: never diagnosed, never shown to the engineer. */
  holdoutExcluded: number;
  devRecords: number;
  critiques: number;
  critiquesUsed: number;
  critiquesIgnored: {
    /** Critiques of holdout records (the critic should never make them). */
    holdout: number;
    /** Critiques with no record among those given. */
    noRecord: number;
    /** A second critique of the same record (one is kept, chosen by content, not order). */
    duplicate: number;
    /** Critiques whose status differs from their record's (made before the record was retried). */
    stale: number;
  };
  taxonomyVersions: number[];
}

export interface SuiteTally {
  suite: string;
  records: number;
  pass: number;
  fail: number;
  error: number;
  examples: number;
}

export interface Population {
  records: number;
  pass: number;
  fail: number;
  /** Infrastructure errors: not the agent's behaviour, counted in no rate. */
  error: number;
  examples: number;
  suites: SuiteTally[];
  failures: {
    /** Failing records with at least one symptom. */
    labelled: number;
    /** Critiqued, but the critic gave no usable symptom (verdict `unlabelled`, or none listed). */
    unlabelled: number;
    /** Not critiqued at all. */
    uncritiqued: number;
  };
  passesCritiqued: number;
  /** Examples by passes out of measured (non-error) repeats. */
  passRates: Array<{ passes: number; measured: number; examples: number }>;
}

export interface SymptomFrequency {
  label: string;
  /** Failing records carrying the label (once per record). */
  records: number;
  /** Symptoms with the label on failing records (a record may carry it twice). */
  occurrences: number;
  /** Distinct examples with a failing record carrying the label. */
  examples: number;
  /** records / failing dev records. */
  shareOfFailures: number;
  /** records / labelled failing records. */
  shareOfLabelled: number;
  /**
   * Σ over affected examples of (failing repeats with the label / measured repeats): the
   * examples' worth of pass rate recovered if every failure with the label were fixed. With one
   * repeat it equals `records`.
   */
  expectedGain: number;
  /** Passing records the critic flagged with the label (fragile passes). */
  passRecords: number;
  /** Symptoms whose quoted evidence the critic's check did not find in the trace. */
  unverifiedEvidence: number;
}

/** An example, by its key `suite/id` (a suite name holds no slash): per-example lists run to tens of thousands of entries, so they stay lean. */
export interface AffectedExample {
  key: string;
  /** Failing repeats carrying the label. */
  withLabel: number;
  failing: number;
  measured: number;
  passRate: number;
}

export interface TagPattern {
  name: string;
  /** Failing records with the label on examples with the tag. */
  count: number;
  /** Share of this label's records with the tag over the tag's share of dev records. */
  lift: number;
}

export interface SymptomPatterns {
  label: string;
  /** Tools called at the symptom's step, else at the nearest step (the earlier on a tie). */
  tools: Count[];
  /** Tools the critic's description or evidence names (a tool: called in some labelled failing dev trace, or written as a call, `name(`, somewhere). */
  mentionedTools: Count[];
  /** Tools the scorer's feedback on the label's failing records names, once per record (a tool never called shows only here). */
  feedbackTools: Count[];
  steps: Count[];
  /** first | middle | last | only (a one-step trace) | none (no step given). */
  positions: Count[];
  tags: TagPattern[];
  suites: Count[];
  /** The headline tool: most counted real tool (null when none). */
  triggeringTool: string | null;
  triggeringMentionedTool: string | null;
  triggeringFeedbackTool: string | null;
  /** The headline tag: most counted tag over-represented among the label's records (lift > 1). */
  triggeringTag: string | null;
}

export interface CoOccurrence {
  a: string;
  b: string;
  /** Failing records carrying both. */
  records: number;
  /** records / records carrying a. */
  shareOfA: number;
  shareOfB: number;
}

export interface ExemplarSymptom {
  description: string;
  evidence: string;
  step: number | null;
}

export interface Exemplar {
  key: string;
  suite: string;
  exampleId: string;
  repeat: number;
  /** Characters of the rendered trace: the selection order (shortest first, then key). */
  length: number;
  /** The blind surface of the record (tool calls, observations, errors, final answer, scorer feedback). */
  trace: string;
  symptoms: ExemplarSymptom[];
}

export interface SymptomExemplars {
  label: string;
  exemplars: Exemplar[];
}

export interface FragilePass {
  key: string;
  suite: string;
  exampleId: string;
  repeat: number;
  labels: string[];
}

export interface FragilePasses {
  records: number;
  examples: number;
  byLabel: Count[];
  list: FragilePass[];
}

export interface CandidateClass {
  /** The proposed name, normalised (lower-case kebab). */
  name: string;
  /** The spellings critics used, sorted. */
  variants: string[];
  records: number;
  failingRecords: number;
  examples: number;
  /** The shortest description given (then the first in order). */
  description: string;
}

export interface GuardedExample {
  /** `suite/id`. */
  key: string;
  passes: number;
  measured: number;
  errors: number;
  /** A passing repeat the critic flagged as fragile. */
  fragile: boolean;
  /** Listed as must-pass by its suite. */
  mustPass: boolean;
}

export interface RegressionGuard {
  rule: string;
  examples: number;
  list: GuardedExample[];
  /** Must-pass examples that do not pass today (not in the guard). */
  mustPassNotPassing: string[];
}

export interface TargetChoice {
  status: 'targeted' | 'no-actionable-symptom';
  targets: string[];
  reason: string;
  minimum: { examples: number; shareOfFailures: number };
  /** Labels that clear the minimum, best first. */
  ranking: Array<{ label: string; expectedGain: number; examples: number; records: number; shareOfFailures: number }>;
}

export interface ExpectedFlip {
  key: string;
  suite: string;
  exampleId: string;
  labels: string[];
  withTarget: number;
  failing: number;
  measured: number;
  passRate: number;
}

export type UserScriptStatus = 'ok' | 'failed' | 'timeout' | 'invalid-json' | 'missing' | 'error';

export interface UserScriptResult {
  /** As configured (relative to the project). */
  path: string;
  /** sha256 of the script file; null when it could not be read. */
  sha256: string | null;
  status: UserScriptStatus;
  exitCode: number | null;
  signal: string | null;
  /** The parsed JSON result (keys sorted), null unless status is ok. */
  output: unknown;
  /** The end of what the script wrote on stderr. */
  stderr: string;
  /** What went wrong, in one line, when status is not ok. */
  error: string | null;
}

export interface Diagnosis {
  schemaVersion: number;
  input: InputSummary;
  scripts: Array<{ name: string; version: number }>;
  population: Population;
  symptoms: SymptomFrequency[];
  affected: Array<{ label: string; examples: AffectedExample[] }>;
  patterns: SymptomPatterns[];
  coOccurrence: CoOccurrence[];
  exemplars: SymptomExemplars[];
  fragilePasses: FragilePasses;
  candidateClasses: CandidateClass[];
  regressionGuard: RegressionGuard;
  /** The taxonomy's meaning of each label seen (when given), by label. */
  taxonomy: Array<{ label: string; description: string }>;
  target: TargetChoice;
  expectedFlips: ExpectedFlip[];
  /**
   * Regressions earlier promotions of the line shipped knowingly (their ledger lines name them),
   * as this run sees them: the dev ones only (the holdout is never shown), by key. Absent when the
   * line has none.
   */
  knownRegressions?: KnownRegression[];
  userScripts: UserScriptResult[];
}

/** A regression an earlier promotion accepted, and where it stands in the diagnosed run. */
export interface KnownRegression {
  key: string;
  /** The iteration whose promotion accepted it. */
  acceptedIn: number;
  /** failing: every scored record of it fails; flaky: some pass; passing: it passes again. */
  status: 'failing' | 'flaky' | 'passing';
  /** Symptom labels the critic gave its failing records in this run. */
  labels: string[];
}

export interface DiagnosisOptions {
  agent?: string;
  iteration?: number;
  /** The run was made on the simulated world (from its manifest). */
  simulated?: boolean;
  /** A symptom is actionable from this many affected examples (default 2). */
  minExamples?: number;
  /** ...and this share of the failing dev records (default 0.05). */
  minShare?: number;
  /** How many labels to target (default 1: one change per release candidate). */
  maxTargets?: number;
  /** Exemplars per symptom (default 3). */
  exemplars?: number;
  /** Example keys (`suite/id`) the suites declare must-pass. */
  mustPass?: readonly string[];
  /** Taxonomy descriptions by label, shown in the spec. */
  labelDescriptions?: Readonly<Record<string, string>>;
  /** Regressions the line's earlier promotions accepted (`suite/id` and the iteration), from the ledger. */
  knownRegressions?: ReadonlyArray<{ key: string; iteration: number }>;
}
