import { getEventListeners } from 'node:events';
import { setImmediate as tick } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { EpisodeClock } from '../../src/agent/episode-clock.js';
import { watchWarnings } from '../helpers/warnings.js';
import { deskWorld, promptAgent } from './fixture.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const warnings = watchWarnings();

/** Not async: a suspended async function's frame would keep the last clock alive. */
function playClocks(parent: AbortSignal, count: number): Array<WeakRef<AbortSignal>> {
  const refs: Array<WeakRef<AbortSignal>> = [];
  for (let i = 0; i < count; i++) {
    const clock = new EpisodeClock(60_000, parent);
    clock.signal.addEventListener('abort', () => {});
    refs.push(new WeakRef(clock.signal));
    clock.stop();
  }
  return refs;
}

describe('the episode clock', () => {
  test('a deadline is a timeout; the caller aborting is an interruption, with its reason', async () => {
    const late = new EpisodeClock(5);
    await new Promise((resolve) => late.signal.addEventListener('abort', resolve));
    expect([late.timedOut, late.interrupted]).toEqual([true, false]);
    expect((late.signal.reason as Error).message).toBe('timeout (5 ms)');

    const parent = new AbortController();
    const clock = new EpisodeClock(60_000, parent.signal);
    const reason = new Error('ctrl-c');
    parent.abort(reason);
    expect(clock.signal.aborted).toBe(true);
    expect(clock.signal.reason).toBe(reason);
    expect([clock.timedOut, clock.interrupted]).toEqual([false, true]);
    await expect(clock.race(new Promise(() => {}))).rejects.toBe(reason);
    clock.stop();

    const already = new EpisodeClock(60_000, parent.signal);
    expect(already.signal.aborted).toBe(true);
    expect(already.interrupted).toBe(true);
    already.stop();
    // Past setTimeout's range, no deadline at all (not an immediate one).
    const endless = new EpisodeClock(2 ** 31);
    await tick();
    expect(endless.signal.aborted).toBe(false);
    endless.stop();
  });

  test('a long-lived parent signal over many episodes keeps no listener, and no warning is printed', async () => {
    const parent = new AbortController().signal;
    // 50 episodes at a time, 200 in all: more in flight than the listener warning's limit of 10.
    for (let batch = 0; batch < 4; batch++) {
      const clocks = Array.from({ length: 50 }, () => new EpisodeClock(60_000, parent));
      // What the openai SDK does with the signal it is given: a listener it never removes.
      for (const clock of clocks) clock.signal.addEventListener('abort', () => {});
      await Promise.all(clocks.map((clock, i) => clock.race(Promise.resolve(i))));
      for (const clock of clocks) clock.stop();
    }
    expect(getEventListeners(parent, 'abort')).toHaveLength(0);
    expect(await warnings.seen()).toEqual([]);
  });

  test("an episode's signal is garbage once the episode is over, though listeners remain on it", async () => {
    const parent = new AbortController().signal;
    const refs = playClocks(parent, 20);
    // A WeakRef holds its target until the current job ends.
    await tick();
    gc();
    expect(refs.filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
  });

  test('prompt-agent episodes over loopback HTTP under one long-lived signal leave nothing on it', async () => {
    const world = await deskWorld();
    const runner = world.runner(await world.agent('desk-bot', promptAgent('desk-bot')));
    const parent = new AbortController().signal;
    // Three model calls per episode: more calls in all than the listener warning's limit of 10.
    for (let sampleIndex = 0; sampleIndex < 6; sampleIndex++) {
      const result = await runner.runEpisode(world.input(world.desk, 'where-is-a17', { sampleIndex, signal: parent }));
      expect(result.outcome).toEqual({ status: 'completed' });
    }
    expect(getEventListeners(parent, 'abort')).toHaveLength(0);
    expect(await warnings.seen()).toEqual([]);
  });
});
