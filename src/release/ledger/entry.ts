import { fail } from '../../core/errors.js';
import { LEDGER_SCHEMA_VERSION, ledgerEntrySchema, type LedgerDecision, type LedgerEntry } from '../../core/ledger.js';
import type { GateResult } from '../../gate/index.js';
import type { IterationState } from '../../store/index.js';
import type { CandidateSummary } from '../../synthesis/index.js';
import type { Evidence } from './evidence.js';

export interface EntryInput {
  agent: string;
  iteration: IterationState;
  decision: LedgerDecision;
  gate: GateResult | null;
  version: { number: number; tag: string } | null;
  parent: LedgerEntry['parent'];
  /** The RC's base commit, when known. */
  rcBase: string | null;
  report: string;
  evidence: Evidence;
  usage: LedgerEntry['usage'];
  confirmationRuns: string[];
  reason?: string;
  origin?: LedgerEntry['origin'];
  /** The iteration's candidate as synthesis recorded it (or the refused iterations a duplicate repeated). */
  candidate?: CandidateSummary;
  gatedAt: string | null;
  recordedAt: string;
}

/** The ledger line of an iteration, checked against the schema before anything is written. */
export function buildEntry(input: EntryInput): LedgerEntry {
  const { iteration: state, gate } = input;
  const entry: LedgerEntry = {
    schemaVersion: LEDGER_SCHEMA_VERSION,
    agent: input.agent,
    iteration: state.n,
    decision: input.decision,
    version: input.version?.number ?? null,
    tag: input.version?.tag ?? null,
    parent: input.parent,
    rc: state.rcBranch && state.rcCommit ? { branch: state.rcBranch, commit: state.rcCommit, base: input.rcBase } : null,
    runs: { baseline: state.baselineRunId ?? null, candidate: state.rcRunId ?? null, confirmation: input.confirmationRuns },
    suites: input.evidence.suites,
    models: input.evidence.models,
    gate: gate
      ? {
          policy: gate.policy.name ?? null,
          p2f: gate.counts.p2f,
          f2p: gate.counts.f2p,
          flaky: gate.counts.flaky,
          pValue: Number.isFinite(gate.pValue) ? gate.pValue : null,
          p2fRate: gate.rates.p2fRate,
          f2pRate: gate.rates.f2pRate,
          passRate: { baseline: gate.rates.passRate.baseline, candidate: gate.rates.passRate.candidate },
          ...(gate.budget ? { budget: gate.budget } : {}),
          ...(input.decision === 'accept' ? { acceptedRegressions: gate.acceptedRegressions ?? [] } : {}),
          reasons: gate.reasons.map((r) => ({ rule: r.rule, passed: r.passed, threshold: r.threshold, observed: r.observed })),
        }
      : null,
    usage: input.usage,
    ...(input.reason ? { reason: input.reason } : {}),
    ...(input.origin ? { origin: input.origin } : {}),
    ...(input.candidate ?? {}),
    simulated: input.evidence.simulated,
    report: input.report,
    startedAt: input.evidence.startedAt,
    gatedAt: input.gatedAt,
    recordedAt: input.recordedAt,
  };
  const checked = ledgerEntrySchema.safeParse(entry);
  if (checked.success) return checked.data;
  const issue = checked.error.issues[0];
  return fail('EINTERNAL', `the ledger line of iteration ${state.n} would not be valid: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`, { data: { entry } });
}
