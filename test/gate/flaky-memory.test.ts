import { describe, expect, it } from 'vitest';
import { AgentdevelError } from '../../src/core/errors.js';
import { decide, emptyFlakyMemory, parseFlakyMemory, updateFlakyMemory, type FlakyMemory } from '../../src/gate/index.js';
import { many, policy, side } from './build.js';

const background = Object.fromEntries(many('pass', 30, 'ppp').map((e) => [e.key, e.samples]));

/** One gate iteration in which example `x` shows the given samples on both sides (no flips elsewhere). */
function iteration(memory: FlakyMemory, baselineX: string, candidateX: string, confirm?: { baseline: string; candidate: string }) {
  return decide({
    policy: policy({ minF2P: 0, flaky: { clearAfterStableRuns: 3 } }),
    baseline: side({ ...background, x: baselineX }),
    candidate: side({ ...background, x: candidateX }),
    ...(confirm ? { confirmations: { baseline: side({ x: confirm.baseline }), candidate: side({ x: confirm.candidate }) } } : {}),
    flakyMemory: memory,
  });
}

describe('flaky memory across iterations', () => {
  it('marks an example seen unstable, keeps it through flips and wobbles, clears it after 3 stable observations', () => {
    let memory = emptyFlakyMemory();
    // 1: x's baseline samples disagree: measured flaky, marked.
    let result = iteration(memory, 'pfp', 'ppp');
    memory = result.flakyMemory;
    expect(memory.examples).toEqual({ 's/x': { stableRuns: 0 } });
    // 2: stable pass on both sides: one stable observation.
    memory = iteration(memory, 'ppp', 'ppp').flakyMemory;
    expect(memory.examples['s/x']).toEqual({ stableRuns: 1 });
    // 3: x flips with clean reruns: reported flaky (remembered), counted neither way; the memory is unchanged.
    result = iteration(memory, 'ppp', 'fff', { baseline: 'ppp', candidate: 'fff' });
    expect(result.flaky).toEqual(['s/x']);
    expect(result.flips[0]).toMatchObject({ status: 'flaky', flakySource: 'memory' });
    expect(result.counts.p2f).toBe(0);
    memory = result.flakyMemory;
    expect(memory.examples['s/x']).toEqual({ stableRuns: 1 });
    // 4: unstable again: the count restarts.
    memory = iteration(memory, 'ppp', 'pfp').flakyMemory;
    expect(memory.examples['s/x']).toEqual({ stableRuns: 0 });
    // 5-7: three consecutive stable observations clear it.
    memory = iteration(memory, 'fff', 'fff').flakyMemory;
    memory = iteration(memory, 'ppp', 'ppp').flakyMemory;
    expect(memory.examples['s/x']).toEqual({ stableRuns: 2 });
    memory = iteration(memory, 'ppp', 'ppp').flakyMemory;
    expect(memory.examples).toEqual({});
    // 8: cleared, a clean flip now counts as a confirmed regression.
    result = iteration(memory, 'ppp', 'fff', { baseline: 'ppp', candidate: 'fff' });
    expect(result.flips[0]).toMatchObject({ status: 'confirmed' });
    expect(result.counts.p2f).toBe(1);
  });

  it('leaves examples it did not observe as they are, and never marks from a single clean sample', () => {
    const memory = { schemaVersion: 1 as const, examples: { 'other/gone': { stableRuns: 2 } } };
    const next = iteration(memory, 'p', 'p').flakyMemory;
    expect(next.examples).toEqual({ 'other/gone': { stableRuns: 2 } });
  });

  it('updateFlakyMemory applies the rule to observations directly, sorted by key', () => {
    const memory = updateFlakyMemory(
      { schemaVersion: 1, examples: { 's/b': { stableRuns: 1 }, 's/c': { stableRuns: 0 } } },
      [['s/z', 'unstable'], ['s/b', 'stable'], ['s/c', 'flip'], ['s/new', 'stable']],
      2,
    );
    expect(memory).toEqual({ schemaVersion: 1, examples: { 's/c': { stableRuns: 0 }, 's/z': { stableRuns: 0 } } });
    expect(Object.keys(memory.examples)).toEqual(['s/c', 's/z']);
  });

  it('parseFlakyMemory refuses a malformed memory with the file and field (EGATE_INPUT)', () => {
    expect(parseFlakyMemory({ schemaVersion: 1, examples: { 's/a': { stableRuns: 2 } } }, 'gate.json')).toEqual({ schemaVersion: 1, examples: { 's/a': { stableRuns: 2 } } });
    for (const [value, message] of [
      [{ schemaVersion: 2, examples: {} }, /iterations\/bot\/3\/gate\.json: flaky memory schemaVersion/],
      [{ schemaVersion: 1, examples: { 's/a': { stableRuns: -1 } } }, /examples\.s\/a\.stableRuns/],
      [[], /flaky memory \(root\)/],
    ] as const) {
      try {
        parseFlakyMemory(value, 'iterations/bot/3/gate.json');
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(AgentdevelError);
        expect((error as AgentdevelError).code).toBe('EGATE_INPUT');
        expect((error as AgentdevelError).message).toMatch(message);
      }
    }
  });
});
