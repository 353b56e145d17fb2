import { compareText } from './numbers.js';
import type { AffectedExample, ExpectedFlip, Population, SymptomFrequency, TargetChoice } from './types.js';

export const DEFAULT_MIN_EXAMPLES = 2;
export const DEFAULT_MIN_SHARE = 0.05;
/** Not a class of failure but a bucket of proposals (see candidateClasses): never a target. */
const UNTARGETABLE = new Set(['other']);

export interface TargetSettings {
  minExamples: number;
  minShare: number;
  maxTargets: number;
}

/**
 * The symptom(s) the next release candidate should fix. A label is actionable when it is a
 * taxonomy label (not `other`) seen on failing records of at least `minExamples` examples and
 * at least `minShare` of the failing dev records. Actionable labels rank by expected gain, then
 * affected examples, then failing records, then name, so ties always break the same way.
 * When none is actionable the answer is "no actionable symptom", which the release loop
 * takes as a stop rule.
 */
export function chooseTarget(symptoms: readonly SymptomFrequency[], population: Population, settings: TargetSettings): TargetChoice {
  const minimum = { examples: settings.minExamples, shareOfFailures: settings.minShare };
  const ranking = symptoms
    .filter((s) => !UNTARGETABLE.has(s.label) && s.examples >= settings.minExamples && s.shareOfFailures >= settings.minShare && s.records > 0)
    .sort((a, b) => b.expectedGain - a.expectedGain || b.examples - a.examples || b.records - a.records || compareText(a.label, b.label))
    .map((s) => ({ label: s.label, expectedGain: s.expectedGain, examples: s.examples, records: s.records, shareOfFailures: s.shareOfFailures }));
  const targets = ranking.slice(0, settings.maxTargets);
  if (targets.length === 0) return { status: 'no-actionable-symptom', targets: [], reason: whyNothing(symptoms, population, settings), minimum, ranking };
  const first = targets[0]!;
  const runnerUp = ranking[targets.length];
  const reason =
    `${targets.map((t) => t.label).join(', ')}: the largest expected gain (${first.expectedGain} examples' worth of pass rate) among the ${ranking.length} actionable symptom${ranking.length === 1 ? '' : 's'}; ` +
    `${first.records} of ${population.fail} failing dev records (${percent(first.shareOfFailures)}) on ${first.examples} examples` +
    (runnerUp ? `; next: ${runnerUp.label} (gain ${runnerUp.expectedGain})` : '');
  return { status: 'targeted', targets: targets.map((t) => t.label), reason, minimum, ranking };
}

function whyNothing(symptoms: readonly SymptomFrequency[], population: Population, settings: TargetSettings): string {
  if (population.fail === 0) return 'no failing dev record: nothing to fix';
  if (population.failures.labelled === 0) {
    return `none of the ${population.fail} failing dev records carries a symptom (${population.failures.unlabelled} unlabelled, ${population.failures.uncritiqued} not critiqued)`;
  }
  const labelled = symptoms.filter((s) => s.records > 0 && !UNTARGETABLE.has(s.label));
  if (labelled.length === 0) return 'every symptom on a failing record is outside the taxonomy (`other`): see the candidate new classes';
  return `no symptom reaches the minimum of ${settings.minExamples} examples and ${percent(settings.minShare)} of the ${population.fail} failing dev records`;
}

export function percent(x: number): string {
  return `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
}

/** The failing examples whose failures carry a targeted label: the ones the change is expected to flip to pass. */
export function expectedFlips(targets: readonly string[], affected: ReadonlyArray<{ label: string; examples: AffectedExample[] }>): ExpectedFlip[] {
  const flips = new Map<string, ExpectedFlip>();
  for (const { label, examples } of affected) {
    if (!targets.includes(label)) continue;
    for (const e of examples) {
      const flip = flips.get(e.key);
      if (flip === undefined) {
        const slash = e.key.indexOf('/');
        flips.set(e.key, { key: e.key, suite: e.key.slice(0, slash), exampleId: e.key.slice(slash + 1), labels: [label], withTarget: e.withLabel, failing: e.failing, measured: e.measured, passRate: e.passRate });
      } else {
        flip.labels.push(label);
        // A record may carry two targeted labels: it still fails once.
        flip.withTarget = Math.min(flip.failing, Math.max(flip.withTarget, e.withLabel));
      }
    }
  }
  return [...flips.values()].map((f) => ({ ...f, labels: f.labels.sort(compareText) })).sort((a, b) => b.withTarget - a.withTarget || compareText(a.key, b.key));
}
