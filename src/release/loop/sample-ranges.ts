/**
 * Where each run of an iteration takes its samples from: repeat r of a run uses the sample
 * index of `sampleBase + r` (src/run/sample-index.ts), so ranges that do not overlap give fresh,
 * independent samples. Iteration n owns the block [n·STRIDE, (n+1)·STRIDE):
 * - the baseline and the release candidate share its start (same examples, seeds and repeats:
 *   a paired comparison);
 * - the gate's confirmation reruns take a later range, fresh on both versions;
 * - the holdout evaluation at the end of a release takes the last part of its final iteration's block.
 * Derived from the iteration number alone, so a rerun of an iteration resumes the very same runs,
 * and no two iterations ever share a sample (iteration numbers never repeat for an agent).
 */
export const ITERATION_STRIDE = 4096;

export interface SampleRanges {
  runs: number;
  confirmation: number;
  holdout: number;
}

export function sampleRanges(n: number): SampleRanges {
  const start = n * ITERATION_STRIDE;
  // Suites repeat at most 100 times and the gate confirms at most 50: the parts never overlap.
  return { runs: start, confirmation: start + ITERATION_STRIDE / 2, holdout: start + (3 * ITERATION_STRIDE) / 4 };
}
