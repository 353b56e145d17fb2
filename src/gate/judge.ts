import { fail } from '../core/errors.js';
import { isRemembered, type FlakyObservation } from './flaky-memory.js';
import { classifyFlip, compareKeys, isFlip, isMixed } from './flips.js';
import type { ExampleOutcome, FlakyMemory, FlipEntry, FlipStatus, FlakySource, Outcomes, SampleCounts, SideSummary } from './types.js';

/** What one walk over every example finds: the flips resolved, tallies, and memory observations. */
export interface Judgement {
  flips: FlipEntry[];
  tally: Record<'stablePass' | 'stableFail' | 'undecided' | 'missing', number>;
  /** Examples (key, split) per split with a verdict on both sides. */
  judged: { dev: number; holdout: number };
  splits: { dev: number; holdout: number };
  baselineDev: { passes: number; fails: number };
  /** First-run sample tallies per side and split (for the pass rates). */
  samples: Record<'baseline' | 'candidate', Record<'dev' | 'holdout', { pass: number; fail: number }>>;
  /** Examples present on one side only. */
  absent: string[];
  /** Examples with an infrastructure error on either side. */
  withErrors: string[];
  /** Examples (must-pass ones) without a verdict on a side. */
  unjudgedMustPass: string[];
  mustPassSeen: number;
  observations: Array<readonly [string, FlakyObservation]>;
  examples: number;
}

export interface JudgeInput {
  baseline: Outcomes;
  candidate: Outcomes;
  confirmations?: { baseline: Outcomes; candidate: Outcomes } | undefined;
  confirmRuns: number;
  memory: FlakyMemory;
  isMustPass: (example: ExampleOutcome) => boolean;
}

export function judgeExamples(input: JudgeInput): Judgement {
  const j: Judgement = {
    flips: [],
    tally: { stablePass: 0, stableFail: 0, undecided: 0, missing: 0 },
    judged: { dev: 0, holdout: 0 },
    splits: { dev: 0, holdout: 0 },
    baselineDev: { passes: 0, fails: 0 },
    samples: { baseline: { dev: { pass: 0, fail: 0 }, holdout: { pass: 0, fail: 0 } }, candidate: { dev: { pass: 0, fail: 0 }, holdout: { pass: 0, fail: 0 } } },
    absent: [],
    withErrors: [],
    unjudgedMustPass: [],
    mustPassSeen: 0,
    observations: [],
    examples: 0,
  };
  const visit = (key: string, before: ExampleOutcome | undefined, after: ExampleOutcome | undefined) => {
    const example = (before ?? after)!;
    if (before && after && before.split !== after.split) {
      fail('EGATE_INPUT', `${key}: split ${before.split} in the baseline run, ${after.split} in the candidate's`, {
        details: 'Both versions must run the same suites with the same split settings; rerun the candidate with the baseline\'s suites.',
      });
    }
    j.examples++;
    j.splits[example.split]++;
    if (!before || !after) j.absent.push(key);
    if ((before?.error ?? 0) + (after?.error ?? 0) > 0) j.withErrors.push(key);
    addSamples(j.samples.baseline[example.split], before);
    addSamples(j.samples.candidate[example.split], after);
    const mustPass = input.isMustPass(example);
    if (mustPass) j.mustPassSeen++;
    const flipClass = classifyFlip(before, after);
    if (flipClass !== 'missing') j.judged[example.split]++;
    else if (mustPass) j.unjudgedMustPass.push(key);
    if (example.split === 'dev' && flipClass !== 'missing') {
      if (before!.pass > before!.fail) j.baselineDev.passes++;
      else if (before!.fail > before!.pass) j.baselineDev.fails++;
    }
    if (!isFlip(flipClass)) {
      j.tally[flipClass]++;
      observe(j, input.memory, key, before, after, flipClass === 'stablePass' || flipClass === 'stableFail' ? 'stable' : null);
      return;
    }
    const totalBefore = plus(before!, input.confirmations?.baseline.examples.get(key));
    const totalAfter = plus(after!, input.confirmations?.candidate.examples.get(key));
    const { status, flakySource } = resolveFlip(input, key, before!, after!, totalBefore, totalAfter);
    observe(j, input.memory, key, totalBefore, totalAfter, 'flip');
    j.flips.push({
      key,
      suite: example.suite,
      exampleId: example.exampleId,
      split: example.split,
      tags: example.tags,
      direction: flipClass,
      status,
      ...(flakySource ? { flakySource } : {}),
      baseline: summary(totalBefore),
      candidate: summary(totalAfter),
      mustPass,
      baselineSymptoms: [],
    });
  };
  for (const [key, before] of input.baseline.examples) visit(key, before, input.candidate.examples.get(key));
  for (const [key, after] of input.candidate.examples) if (!input.baseline.examples.has(key)) visit(key, undefined, after);
  j.flips.sort((a, b) => compareKeys(a.key, b.key));
  j.absent.sort(compareKeys);
  j.withErrors.sort(compareKeys);
  j.unjudgedMustPass.sort(compareKeys);
  return j;
}

/**
 * A flip is flaky when its samples (first runs and reruns) disagree on a side (with confirmRuns
 * 0 only the memory can say so), or when the memory remembers it; otherwise it is confirmed once
 * it has confirmRuns reruns on each side, at least one of them scored; until then it is
 * unconfirmed (sequential confirmation reruns it one round at a time).
 */
function resolveFlip(
  input: JudgeInput,
  key: string,
  before: SampleCounts,
  after: SampleCounts,
  totalBefore: SampleCounts,
  totalAfter: SampleCounts,
): { status: FlipStatus; flakySource?: FlakySource } {
  if (input.confirmRuns > 0 && (isMixed(totalBefore) || isMixed(totalAfter))) return { status: 'flaky', flakySource: 'samples' };
  if (isRemembered(input.memory, key)) return { status: 'flaky', flakySource: 'memory' };
  if (input.confirmRuns === 0) return { status: 'confirmed' };
  const settled = (first: SampleCounts, total: SampleCounts) => samples(total) - samples(first) >= input.confirmRuns && total.pass + total.fail > first.pass + first.fail;
  return { status: settled(before, totalBefore) && settled(after, totalAfter) ? 'confirmed' : 'unconfirmed' };
}

/** Feeds the flaky memory: only what can change it is kept (see flaky-memory.ts). */
function observe(j: Judgement, memory: FlakyMemory, key: string, before: SampleCounts | undefined, after: SampleCounts | undefined, otherwise: FlakyObservation | null) {
  if (isMixed(before) || isMixed(after)) j.observations.push([key, 'unstable']);
  else if (otherwise === 'stable' && isRemembered(memory, key)) j.observations.push([key, 'stable']);
}

function samples(counts: SampleCounts): number {
  return counts.pass + counts.fail + counts.error;
}

function addSamples(into: { pass: number; fail: number }, counts: SampleCounts | undefined) {
  if (!counts) return;
  into.pass += counts.pass;
  into.fail += counts.fail;
}

function plus(a: SampleCounts, b: SampleCounts | undefined): SampleCounts {
  return b ? { pass: a.pass + b.pass, fail: a.fail + b.fail, error: a.error + b.error } : { pass: a.pass, fail: a.fail, error: a.error };
}

function summary(counts: SampleCounts): SideSummary {
  const scored = counts.pass + counts.fail;
  return { pass: counts.pass, fail: counts.fail, error: counts.error, passRate: scored === 0 ? null : counts.pass / scored };
}
