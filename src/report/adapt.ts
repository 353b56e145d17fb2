/**
 * From the stages' own documents (gate.json, the ledger, diagnosis.json) to the report's input
 * interfaces. Pure; the one place that knows those formats. The gate's flip classifier is
 * reused so that examples outside gate.json's flip list are classed by the gate's own rule.
 */
import type { LedgerEntry } from '../core/ledger.js';
import type { Diagnosis } from '../diagnosis/index.js';
import { classifyFlip, type FlipClass, type GateResult, type Outcomes, type SampleCounts } from '../gate/index.js';
import type { DiagnosisInput, ExampleInput, ExampleKind, GateInput, LedgerPoint, Rate } from './input.js';

const kinds: Record<FlipClass, ExampleKind> = {
  p2f: 'p2f',
  f2p: 'f2p',
  stablePass: 'stable-pass',
  stableFail: 'stable-fail',
  undecided: 'undecided',
  missing: 'unmeasured',
};

const rateOf = (c: SampleCounts | undefined): Rate => (c === undefined ? { passes: 0, measured: 0, errors: 0 } : { passes: c.pass, measured: c.pass + c.fail, errors: c.error });

/**
 * gate.json as the report reads it. With the two runs' outcomes, every example is listed (the
 * flips with all their samples, confirmation reruns included; the others with their first
 * run's); without them, only the flips.
 */
export function gateInput(result: GateResult, runs?: { baseline: Outcomes; candidate: Outcomes }): { gate: GateInput; labels: Map<string, string[]> } {
  const labels = new Map<string, string[]>();
  const mustPass = new Set(result.reasons.filter((r) => r.rule === 'must-pass').flatMap((r) => r.examples));
  const examples: ExampleInput[] = result.flips.map((f) => {
    if (f.baselineSymptoms.length > 0) labels.set(f.key, [...f.baselineSymptoms]);
    if (f.mustPass) mustPass.add(f.key);
    return {
      suite: f.suite,
      exampleId: f.exampleId,
      split: f.split,
      baseline: rateOf(f.baseline),
      rc: rateOf(f.candidate),
      kind: f.direction,
      confirmed: f.status === 'confirmed',
      flaky: f.status === 'flaky',
      mustPass: f.mustPass,
    };
  });
  if (runs) {
    const flipped = new Set(result.flips.map((f) => f.key));
    const keys = new Set([...runs.baseline.examples.keys(), ...runs.candidate.examples.keys()]);
    for (const key of keys) {
      if (flipped.has(key)) continue;
      const before = runs.baseline.examples.get(key);
      const after = runs.candidate.examples.get(key);
      const example = (before ?? after)!;
      examples.push({
        suite: example.suite,
        exampleId: example.exampleId,
        split: example.split,
        baseline: rateOf(before),
        rc: rateOf(after),
        kind: kinds[classifyFlip(before, after)],
        confirmed: false,
        flaky: false,
        mustPass: mustPass.has(key),
      });
    }
  }
  const { counts, rates } = result;
  const gate: GateInput = {
    decision: result.decision,
    policy: result.policy.name ?? 'unnamed',
    reasons: result.reasons.map((r) => ({ ...r, examples: [...r.examples] })),
    examples,
    acceptedRegressions: [...(result.acceptedRegressions ?? [])],
    budget: result.budget ? { ...result.budget } : null,
    stats: {
      p2f: counts.p2f,
      f2p: counts.f2p,
      holdoutP2F: counts.holdoutP2F,
      holdoutF2P: counts.holdoutF2P,
      flaky: counts.flaky,
      unconfirmed: counts.unconfirmed,
      pValue: Number.isFinite(result.pValue) ? result.pValue : null,
      p2fRate: rates.p2fRate,
      f2pRate: rates.f2pRate,
      passRate: { baseline: rates.passRate.baseline, rc: rates.passRate.candidate },
      errorRate: { baseline: rates.errorRate.baseline, rc: rates.errorRate.candidate },
      intentAlignment: rates.intentAlignment,
      examples: counts.examples,
    },
  };
  return { gate, labels };
}

/** Failing dev records per symptom label, from a diagnosis (the symptoms chart's data). */
export function symptomCounts(diagnosis: { symptoms: ReadonlyArray<{ label: string; records: number }> }): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of diagnosis.symptoms) if (s.records > 0) counts[s.label] = s.records;
  return counts;
}

/** One ledger line as a point of the charts: the version the line holds after the iteration and its pass rates. */
export function ledgerPoint(entry: LedgerEntry, symptoms: Record<string, number> = {}): LedgerPoint {
  const accepted = entry.decision === 'accept';
  const rates = entry.gate?.passRate;
  return {
    iteration: entry.iteration,
    version: `v${entry.version ?? entry.parent.version}`,
    outcome: entry.decision,
    p2f: entry.gate?.p2f ?? null,
    f2p: entry.gate?.f2p ?? null,
    pValue: entry.gate?.pValue ?? null,
    passRate: rates ? { ...(accepted ? rates.candidate : rates.baseline) } : { dev: null, holdout: null },
    symptoms,
    simulated: entry.simulated,
  };
}

/** diagnosis.json as the report reads it: the symptom table (labels with failing records) and the target. */
export function diagnosisInput(d: Diagnosis): DiagnosisInput {
  const meaning = new Map((d.taxonomy ?? []).map((t) => [t.label, t.description]));
  return {
    symptoms: d.symptoms
      .filter((s) => s.records > 0)
      .map((s) => ({
        label: s.label,
        records: s.records,
        examples: s.examples,
        shareOfFailures: s.shareOfFailures,
        expectedGain: s.expectedGain,
        ...(meaning.has(s.label) ? { description: meaning.get(s.label) } : {}),
      })),
    target: { status: d.target.status, targets: [...d.target.targets], reason: d.target.reason },
    failingRecords: d.population.fail,
    simulated: d.input.simulated,
  };
}
