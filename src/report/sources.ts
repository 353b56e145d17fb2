import type { LedgerEntry } from '../core/ledger.js';
import type { Diagnosis } from '../diagnosis/index.js';
import type { GateResult, Outcomes } from '../gate/index.js';
import { diagnosisInput, gateInput, ledgerPoint, symptomCounts } from './adapt.js';
import type { CheckSubject, EvidenceInput, GateInput, IntentInput, LedgerPoint, ReportInput, UsageInput } from './input.js';

/** The part of a critique the report reads: whose baseline record, and the labels given. */
export interface CritiqueLabels {
  suite: string;
  exampleId: string;
  status: 'pass' | 'fail';
  symptoms: ReadonlyArray<{ label: string }>;
  critic?: { simulated: boolean };
  usage?: { promptTokens: number; completionTokens: number };
}

/** The part of synthesis.json the report reads: the engineer's attempts. */
export interface SynthesisUsage {
  engineer: { model: string; simulated: boolean };
  attempts: ReadonlyArray<{ cached: boolean; promptTokens: number; completionTokens: number }>;
  /** Why there is no candidate (no target, no valid patch, `duplicate: …`). */
  reason?: string | undefined;
}

/** Everything a report may be made from; whatever is absent is rendered as absent. */
export interface ReportSources {
  agent: string;
  iteration: number;
  generatedAt?: string | null;
  state?: { baselineRunId?: string; baselineCommit?: string; rcBranch?: string; rcCommit?: string; rcRunId?: string; outcome?: string } | null;
  gate?: GateResult | null;
  /** Both runs reduced per example: with them every example is listed, not only the flips. */
  outcomes?: { baseline: Outcomes; candidate: Outcomes } | null;
  diagnosis?: Diagnosis | null;
  intent?: IntentInput | null;
  patch?: string | null;
  critiques?: Iterable<CritiqueLabels>;
  synthesis?: SynthesisUsage | null;
  /** The agent role's use, summed from the runs' records (no cost: records carry none). */
  agentUsage?: UsageInput | null;
  ledger?: readonly LedgerEntry[];
  /** Symptom counts of iterations by number (from their diagnosis.json), for the chart. */
  symptomHistory?: ReadonlyMap<number, Record<string, number>>;
  /** The runs' manifests said simulated (or anything else known to be). */
  simulated?: boolean;
  missing?: ReportInput['missing'];
  /** The evidence of flipped examples by key (see evidenceOf). */
  evidence?: ReadonlyMap<string, EvidenceInput>;
  check?: CheckSubject | null;
}

/** Labels of failing baseline records by example key, sorted; critiques of passes are fragile passes, not failures. */
function labelsOf(critiques: Iterable<CritiqueLabels>): { labels: Map<string, string[]>; simulated: boolean; usage: UsageInput | null } {
  const sets = new Map<string, Set<string>>();
  let simulated = false;
  const usage: UsageInput = { role: 'critic', calls: 0, cacheHits: 0, promptTokens: 0, completionTokens: 0, cost: null };
  for (const c of critiques) {
    simulated ||= c.critic?.simulated === true;
    usage.calls++;
    usage.promptTokens += c.usage?.promptTokens ?? 0;
    usage.completionTokens += c.usage?.completionTokens ?? 0;
    if (c.status !== 'fail') continue;
    const key = `${c.suite}/${c.exampleId}`;
    let set = sets.get(key);
    if (!set) sets.set(key, (set = new Set()));
    for (const s of c.symptoms) set.add(s.label);
  }
  const labels = new Map<string, string[]>();
  for (const [key, set] of sets) if (set.size > 0) labels.set(key, [...set].sort());
  return { labels, simulated, usage: usage.calls > 0 ? usage : null };
}

/** The iteration being reported, gated but not yet in the ledger, as the charts' last point. */
function pendingPoint(src: ReportSources, gate: GateInput, symptoms: Record<string, number>): LedgerPoint {
  const versions = (src.ledger ?? []).map((e) => e.version ?? e.parent.version);
  const current = versions.length === 0 ? null : Math.max(...versions);
  const accepted = gate.decision === 'accept';
  const version = current === null ? null : `v${accepted ? current + 1 : current}`;
  return {
    iteration: src.iteration,
    version,
    outcome: gate.decision,
    p2f: gate.stats.p2f,
    f2p: gate.stats.f2p,
    pValue: gate.stats.pValue,
    passRate: { ...(accepted ? gate.stats.passRate.rc : gate.stats.passRate.baseline) },
    symptoms,
    simulated: Boolean(src.simulated),
  };
}

function engineerUsage(s: SynthesisUsage): UsageInput {
  return {
    role: 'engineer',
    calls: s.attempts.length,
    cacheHits: s.attempts.filter((a) => a.cached).length,
    promptTokens: s.attempts.reduce((n, a) => n + a.promptTokens, 0),
    completionTokens: s.attempts.reduce((n, a) => n + a.completionTokens, 0),
    cost: null,
  };
}

/**
 * The report's input from the stages' documents. Usage comes from the iteration's ledger line
 * when there is one (it has the cost); otherwise it is summed from the files, without cost.
 */
export function reportInput(src: ReportSources): ReportInput {
  const critiques = labelsOf(src.critiques ?? []);
  const gate = src.gate ? gateInput(src.gate, src.outcomes ?? undefined) : null;
  const history = new Map(src.symptomHistory ?? []);
  if (src.diagnosis) history.set(src.iteration, symptomCounts(src.diagnosis));
  const ledger = (src.ledger ?? []).map((e) => ledgerPoint(e, history.get(e.iteration) ?? {}));
  const entry = src.ledger?.find((e) => e.iteration === src.iteration);
  if (!entry && gate) ledger.push(pendingPoint(src, gate.gate, history.get(src.iteration) ?? {}));
  const usage = entry
    ? entry.usage.map((u) => ({ ...u }))
    : [src.agentUsage ?? null, critiques.usage, src.synthesis ? engineerUsage(src.synthesis) : null].filter((u): u is UsageInput => u !== null);
  const state = src.state ?? null;
  return {
    agent: src.agent,
    iteration: src.iteration,
    generatedAt: src.generatedAt ?? null,
    gate: gate?.gate ?? null,
    diagnosis: src.diagnosis ? diagnosisInput(src.diagnosis) : null,
    intent: src.intent ?? null,
    patch: src.patch ?? null,
    // The gate's labels for flips, the critiques' for the rest.
    labels: new Map([...critiques.labels, ...(gate?.labels ?? [])]),
    usage,
    runs: { baseline: state?.baselineRunId ?? entry?.runs.baseline ?? null, rc: state?.rcRunId ?? entry?.runs.candidate ?? null, confirmation: entry?.runs.confirmation ?? [] },
    commits: { baseline: state?.baselineCommit ?? entry?.parent.commit ?? null, rc: state?.rcCommit ?? entry?.rc?.commit ?? null, rcBranch: state?.rcBranch ?? entry?.rc?.branch ?? null },
    outcome: state?.outcome ?? entry?.decision ?? null,
    noCandidateReason: src.synthesis?.reason ?? entry?.reason ?? null,
    ledger,
    simulated: Boolean(src.simulated) || critiques.simulated || Boolean(src.synthesis?.engineer.simulated) || Boolean(src.diagnosis?.input.simulated) || Boolean(entry?.simulated),
    missing: src.missing ?? [],
    ...(src.evidence ? { evidence: src.evidence } : {}),
    check: src.check ?? null,
  };
}
