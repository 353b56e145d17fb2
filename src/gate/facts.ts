import type { Judgement } from './judge.js';
import { mcnemarExact } from './mcnemar.js';
import type { FlipEntry, GateCritique, GateIntent, Outcomes } from './types.js';

/** Everything the rules read, measured once from the walk over the examples. */
export interface GateFacts {
  judgement: Judgement;
  /** Confirmed dev flips: the ones the count, rate, McNemar and intent rules use. */
  p2f: FlipEntry[];
  f2p: FlipEntry[];
  holdoutP2F: number;
  holdoutF2P: number;
  /** Confirmed P→F of must-pass examples, either split. */
  mustPassRegressions: string[];
  unconfirmed: string[];
  flaky: string[];
  pValue: number;
  p2fRate: number | null;
  f2pRate: number | null;
  holdoutDrop: number | null;
  passRate: { baseline: { dev: number | null; holdout: number | null }; candidate: { dev: number | null; holdout: number | null } };
  errorRate: { baseline: number; candidate: number };
  records: { baseline: number; candidate: number; confirmation: number };
  errors: { baseline: number; candidate: number; confirmation: number };
  /** Null when the rule cannot be applied (no intent or no critiques given). */
  intent: { targets: readonly string[]; aligned: string[]; share: number | null } | null;
}

export interface FactsInput {
  baseline: Outcomes;
  candidate: Outcomes;
  confirmations?: { baseline: Outcomes; candidate: Outcomes } | undefined;
  critiques?: Iterable<GateCritique> | undefined;
  intent?: GateIntent | undefined;
}

export function gateFacts(judgement: Judgement, input: FactsInput): GateFacts {
  const confirmed = judgement.flips.filter((flip) => flip.status === 'confirmed');
  const dev = confirmed.filter((flip) => flip.split === 'dev');
  const p2f = dev.filter((flip) => flip.direction === 'p2f');
  const f2p = dev.filter((flip) => flip.direction === 'f2p');
  const holdout = confirmed.filter((flip) => flip.split === 'holdout');
  const holdoutP2F = holdout.filter((flip) => flip.direction === 'p2f').length;
  const holdoutF2P = holdout.length - holdoutP2F;
  attachSymptoms(judgement.flips, input.critiques);
  const conf = input.confirmations;
  const records = { baseline: input.baseline.records, candidate: input.candidate.records, confirmation: (conf?.baseline.records ?? 0) + (conf?.candidate.records ?? 0) };
  const errors = { baseline: input.baseline.errors, candidate: input.candidate.errors, confirmation: (conf?.baseline.errors ?? 0) + (conf?.candidate.errors ?? 0) };
  const { samples } = judgement;
  return {
    judgement,
    p2f,
    f2p,
    holdoutP2F,
    holdoutF2P,
    mustPassRegressions: confirmed.filter((flip) => flip.mustPass && flip.direction === 'p2f').map((flip) => flip.key),
    unconfirmed: judgement.flips.filter((flip) => flip.status === 'unconfirmed').map((flip) => flip.key),
    flaky: judgement.flips.filter((flip) => flip.status === 'flaky').map((flip) => flip.key),
    pValue: mcnemarExact(p2f.length, f2p.length),
    p2fRate: share(p2f.length, judgement.baselineDev.passes),
    f2pRate: share(f2p.length, judgement.baselineDev.fails),
    holdoutDrop: share(holdoutP2F - holdoutF2P, judgement.judged.holdout),
    passRate: {
      baseline: { dev: rate(samples.baseline.dev), holdout: rate(samples.baseline.holdout) },
      candidate: { dev: rate(samples.candidate.dev), holdout: rate(samples.candidate.holdout) },
    },
    errorRate: {
      baseline: share(input.baseline.errors + (conf?.baseline.errors ?? 0), input.baseline.records + (conf?.baseline.records ?? 0)) ?? 0,
      candidate: share(input.candidate.errors + (conf?.candidate.errors ?? 0), input.candidate.records + (conf?.candidate.records ?? 0)) ?? 0,
    },
    records,
    errors,
    intent: intentFacts(f2p, input),
  };
}

/** Gives each flip the labels the critic found in its failing baseline records. */
function attachSymptoms(flips: FlipEntry[], critiques: Iterable<GateCritique> | undefined) {
  if (!critiques || flips.length === 0) return;
  const byKey = new Map(flips.map((flip) => [flip.key, new Set<string>()]));
  for (const critique of critiques) {
    if (critique.status === 'pass') continue;
    const labels = byKey.get(`${critique.suite}/${critique.exampleId}`);
    if (labels) for (const symptom of critique.symptoms) labels.add(symptom.label);
  }
  for (const flip of flips) flip.baselineSymptoms = [...byKey.get(flip.key)!].sort();
}

/** Share of confirmed dev fixes whose baseline failure carried a label the intent targets. */
function intentFacts(f2p: FlipEntry[], input: FactsInput): GateFacts['intent'] {
  if (!input.intent || !input.critiques) return null;
  const targets = new Set(input.intent.targets);
  const aligned = f2p.filter((flip) => flip.baselineSymptoms.some((label) => targets.has(label))).map((flip) => flip.key);
  return { targets: input.intent.targets, aligned, share: share(aligned.length, f2p.length) };
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function rate(samples: { pass: number; fail: number }): number | null {
  return share(samples.pass, samples.pass + samples.fail);
}
