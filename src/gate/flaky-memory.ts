import { z } from 'zod';
import { fail } from '../core/errors.js';
import { compareKeys } from './flips.js';
import type { FlakyMemory } from './types.js';

/**
 * Flakiness is measured, not declared, and remembered across iterations. Each gate observes
 * every example it has scored samples of (first runs and confirmation reruns, both sides):
 * - unstable: a side's samples disagree (some pass, some fail): the example is marked, its
 *   count of stable observations reset to 0;
 * - stable: every sample on both sides agrees (all pass, or all fail): a marked example counts
 *   one more stable observation, and is cleared once it reaches `clearAfterStableRuns`;
 * - a flip whose sides each agree with themselves says nothing about the example's own noise
 *   (the version changed), so it neither marks nor counts.
 * A marked example that flips is reported flaky, whatever its confirmation reruns show.
 */
export type FlakyObservation = 'stable' | 'unstable' | 'flip';

export const flakyMemorySchema = z.strictObject({
  schemaVersion: z.literal(1),
  examples: z.record(z.string().min(1), z.strictObject({ stableRuns: z.number().int().min(0) })),
});

export function emptyFlakyMemory(): FlakyMemory {
  return { schemaVersion: 1, examples: {} };
}

/** Validates a memory read from a file (`source` names it in the error). */
export function parseFlakyMemory(value: unknown, source: string): FlakyMemory {
  const parsed = flakyMemorySchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail('EGATE_INPUT', `${source}: flaky memory ${issue.path.join('.') || '(root)'}: ${issue.message}`, {
      details: 'The flaky memory is written by the gate (gate.json\'s flakyMemory); restore it from the previous iteration, or delete it to start measuring afresh.',
    });
  }
  return parsed.data as FlakyMemory;
}

export function isRemembered(memory: FlakyMemory, key: string): boolean {
  return Object.hasOwn(memory.examples, key);
}

/** The memory after one gate's observations; examples not observed keep their entry as it is. */
export function updateFlakyMemory(
  memory: FlakyMemory,
  observations: Iterable<readonly [string, FlakyObservation]>,
  clearAfterStableRuns: number,
): FlakyMemory {
  const examples = new Map(Object.entries(memory.examples));
  for (const [key, observation] of observations) {
    if (observation === 'unstable') examples.set(key, { stableRuns: 0 });
    else if (observation === 'stable') {
      const entry = examples.get(key);
      if (entry === undefined) continue;
      if (entry.stableRuns + 1 >= clearAfterStableRuns) examples.delete(key);
      else examples.set(key, { stableRuns: entry.stableRuns + 1 });
    }
  }
  const sorted = [...examples.entries()].sort(([a], [b]) => compareKeys(a, b));
  return { schemaVersion: 1, examples: Object.fromEntries(sorted) };
}
