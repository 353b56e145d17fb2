import type { CheckSubject, Decision, DiagnosisInput, EvidenceInput, ExampleInput, FlipCounts, IntentInput, IterationOutcome, LedgerPoint, ReasonInput, ReportInput, UsageInput } from './input.js';
import { patchView, type PatchView } from './patch.js';
import { reasonText } from './reasons.js';

export const REPORT_SCHEMA = 'agentdevel/report';
/** Bumped on any change a reader of report.json would notice (a field renamed, removed or re-typed). */
export const REPORT_SCHEMA_VERSION = 1;

export type FlipStatus = 'confirmed' | 'unconfirmed' | 'flaky';

function countFlips(flips: readonly FlipRow[]): FlipCounts {
  const c: FlipCounts = { p2f: 0, f2p: 0, holdoutP2F: 0, holdoutF2P: 0, flaky: 0, unconfirmed: 0 };
  for (const f of flips) {
    if (f.status === 'flaky') c.flaky++;
    else if (f.status === 'unconfirmed') c.unconfirmed++;
    else if (f.split === 'holdout') {
      if (f.kind === 'p2f') c.holdoutP2F++;
      else c.holdoutF2P++;
    } else if (f.kind === 'p2f') c.p2f++;
    else c.f2p++;
  }
  return c;
}

export interface ExampleRow extends ExampleInput {
  key: string;
  /** Symptom labels the critic gave the example's baseline records. */
  labels: string[];
}

export interface FlipRow extends ExampleRow {
  kind: 'p2f' | 'f2p';
  status: FlipStatus;
  /** The task, the expected value and both versions' answers, when the runs' records were read. */
  evidence: EvidenceInput | null;
}

/**
 * The report as one document: what report.json holds and every renderer reads. Built once
 * from the input (pure), so the four formats cannot disagree.
 */
export interface Report {
  schema: typeof REPORT_SCHEMA;
  schemaVersion: number;
  agent: string;
  iteration: number;
  generatedAt: string | null;
  simulated: boolean;
  outcome: IterationOutcome;
  /** Why there is no candidate (no-candidate only): no target, no valid patch, or `duplicate: …`. */
  noCandidateReason: string | null;
  decision: Decision | null;
  policy: string | null;
  reasons: Array<ReasonInput & { text: string }>;
  stats: NonNullable<ReportInput['gate']>['stats'] | null;
  /** On accept: the regressions the promotion ships knowingly; empty otherwise. */
  acceptedRegressions: string[];
  /** Net-benefit mode: what the decision used of the line's false-promotion budget. */
  budget: NonNullable<ReportInput['gate']>['budget'];
  /** P→F and F→P examples, regressions first (see flipOrder). */
  flips: FlipRow[];
  /** The flips counted: confirmed dev ones (what the gate's rules count), holdout ones apart. */
  flipCounts: FlipCounts;
  /** Every compared example, by suite then id. */
  examples: ExampleRow[];
  diagnosis: DiagnosisInput | null;
  intent: IntentInput | null;
  patch: PatchView | null;
  usage: UsageInput[];
  runs: ReportInput['runs'];
  commits: ReportInput['commits'];
  history: LedgerPoint[];
  missing: ReportInput['missing'];
  /** The versions `agentdevel check` compared; null for an iteration of the release loop. */
  check: CheckSubject | null;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byExample = (a: ExampleRow, b: ExampleRow) => byText(a.suite, b.suite) || byText(a.exampleId, b.exampleId);

/** Regressions first (must-pass ones before others), then fixes; unconfirmed after confirmed; flaky last. */
function flipOrder(row: FlipRow): number {
  const status = row.status === 'confirmed' ? 0 : row.status === 'unconfirmed' ? 1 : 2;
  if (status === 2) return 10;
  return (row.kind === 'p2f' ? 0 : 4) + status * 2 + (row.kind === 'p2f' && row.mustPass ? 0 : 1);
}

function outcomeOf(input: ReportInput): IterationOutcome {
  if (input.gate) return input.gate.decision;
  const known: readonly string[] = ['no-candidate', 'accept', 'reject', 'inconclusive'];
  return input.outcome !== null && known.includes(input.outcome) ? (input.outcome as IterationOutcome) : 'pending';
}

export function buildReport(input: ReportInput): Report {
  const gate = input.gate;
  const examples: ExampleRow[] = (gate?.examples ?? []).map((e) => {
    const key = `${e.suite}/${e.exampleId}`;
    return { suite: e.suite, exampleId: e.exampleId, split: e.split, baseline: e.baseline, rc: e.rc, kind: e.kind, confirmed: e.confirmed, flaky: e.flaky, mustPass: e.mustPass, key, labels: input.labels.get(key) ?? [] };
  });
  examples.sort(byExample);
  const flips: FlipRow[] = [];
  for (const e of examples) {
    if (e.kind !== 'p2f' && e.kind !== 'f2p') continue;
    const status = e.flaky ? 'flaky' : e.confirmed ? 'confirmed' : 'unconfirmed';
    flips.push({ suite: e.suite, exampleId: e.exampleId, split: e.split, baseline: e.baseline, rc: e.rc, kind: e.kind, confirmed: e.confirmed, flaky: e.flaky, mustPass: e.mustPass, key: e.key, labels: e.labels, status, evidence: input.evidence?.get(e.key) ?? null });
  }
  // Stable sort: within a group the suite/id order stays.
  const order = new Map(flips.map((f) => [f, flipOrder(f)]));
  flips.sort((a, b) => order.get(a)! - order.get(b)!);
  return {
    schema: REPORT_SCHEMA,
    schemaVersion: REPORT_SCHEMA_VERSION,
    agent: input.agent,
    iteration: input.iteration,
    generatedAt: input.generatedAt,
    simulated: input.simulated || Boolean(input.diagnosis?.simulated) || input.ledger.some((p) => p.simulated && p.iteration === input.iteration),
    outcome: outcomeOf(input),
    noCandidateReason: outcomeOf(input) === 'no-candidate' ? (input.noCandidateReason ?? null) : null,
    decision: gate?.decision ?? null,
    policy: gate?.policy ?? null,
    reasons: (gate?.reasons ?? []).map((r) => ({ ...r, text: reasonText(r) })),
    stats: gate?.stats ?? null,
    acceptedRegressions: gate?.acceptedRegressions ?? [],
    budget: gate?.budget ?? null,
    flips,
    flipCounts: countFlips(flips),
    examples,
    diagnosis: input.diagnosis,
    intent: input.intent,
    patch: input.patch === null ? null : patchView(input.patch),
    usage: input.usage,
    runs: input.runs,
    commits: input.commits,
    history: [...input.ledger].sort((a, b) => a.iteration - b.iteration),
    missing: input.missing,
    check: input.check ?? null,
  };
}
