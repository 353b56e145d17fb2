import { stableStringify } from '../core/hash.js';
import type { RunManifest, Split } from '../core/records.js';
import { classifyFlip, outcomesOfStream, type FlipClass, type SampleCounts } from '../gate/index.js';
import { readRunManifest, readRunRecords } from '../run/index.js';

/** One example that moved between two runs, on their samples alone: never confirmed. */
export interface UnconfirmedFlip {
  key: string;
  suite: string;
  exampleId: string;
  split: Split;
  direction: 'p2f' | 'f2p';
  a: SampleCounts;
  b: SampleCounts;
}

export interface RunComparison {
  a: RunManifest;
  b: RunManifest;
  /** Regressions (pass in A, fail in B) first, then fixes; by key within each. */
  flips: UnconfirmedFlip[];
  /** Examples per class of the gate's flip classifier (on the runs' samples). */
  counts: Record<FlipClass, number>;
  /** What makes the two runs other than a paired comparison (different examples, seed, sample range, suites). */
  differences: string[];
}

/**
 * `agentdevel compare`: the flips between any two runs, by the gate's own classifier on each
 * run's samples, without confirmation reruns, the flaky memory or a policy. The result is
 * labelled unconfirmed wherever it is shown: for a decision, use `agentdevel check`.
 */
export async function compareRuns(storeDir: string, runA: string, runB: string): Promise<RunComparison> {
  const a = await readRunManifest(storeDir, runA);
  const b = await readRunManifest(storeDir, runB);
  const before = await outcomesOfStream(readRunRecords(storeDir, runA));
  const after = await outcomesOfStream(readRunRecords(storeDir, runB));
  const counts: Record<FlipClass, number> = { p2f: 0, f2p: 0, stablePass: 0, stableFail: 0, undecided: 0, missing: 0 };
  const flips: UnconfirmedFlip[] = [];
  const none = { pass: 0, fail: 0, error: 0 };
  for (const key of [...new Set([...before.examples.keys(), ...after.examples.keys()])].sort()) {
    const x = before.examples.get(key);
    const y = after.examples.get(key);
    const kind = classifyFlip(x, y);
    counts[kind]++;
    if (kind !== 'p2f' && kind !== 'f2p') continue;
    const example = (x ?? y)!;
    const counted = (c: SampleCounts | undefined): SampleCounts => (c ? { pass: c.pass, fail: c.fail, error: c.error } : none);
    flips.push({ key, suite: example.suite, exampleId: example.exampleId, split: example.split, direction: kind, a: counted(x), b: counted(y) });
  }
  flips.sort((p, q) => (p.direction === q.direction ? 0 : p.direction === 'p2f' ? -1 : 1));
  return { a, b, flips, counts, differences: differences(a, b) };
}

function differences(a: RunManifest, b: RunManifest): string[] {
  const out: string[] = [];
  const same = (f: (m: RunManifest) => unknown) => stableStringify(f(a)) === stableStringify(f(b));
  if (a.agent !== b.agent) out.push(`different agents (${a.agent}, ${b.agent})`);
  if (!same((m) => m.suites.map((s) => [s.name, s.hash]))) out.push('different suites or suite contents');
  if (!same((m) => m.exampleKeys)) out.push('different examples');
  if (a.seed !== b.seed) out.push(`different seeds (${a.seed}, ${b.seed})`);
  if (a.sampleBase !== b.sampleBase) out.push(`different sample ranges (${a.sampleBase}, ${b.sampleBase}): not paired samples`);
  if (!same((m) => m.suites.map((s) => s.repeats))) out.push('different repeats');
  if (a.blueprintHash === b.blueprintHash) out.push('the same blueprint: any flip is noise of the model, not a change of the agent');
  return out;
}
