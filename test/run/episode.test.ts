import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { EpisodeClock } from '../../src/agent/episode-clock.js';
import type { AgentRunner, EpisodeResult } from '../../src/agent/types.js';
import { loadProject } from '../../src/config/index.js';
import { createScorer } from '../../src/scoring/index.js';
import { loadSuite } from '../../src/suite/index.js';
import { playEpisode, type EpisodeItem } from '../../src/run/episode.js';
import { qaProject } from './fixture.js';

/**
 * The harness's side of the AgentRunner contract, with runners written for each case: the
 * real runners cannot be made to throw or hang past their timeout on purpose.
 */
const usage = { calls: 1, cacheHits: 0, retries: 0, promptTokens: 3, completionTokens: 1 };

async function setup() {
  const root = await qaProject({ examples: 2 });
  const suite = await loadSuite(await loadProject({ cwd: root }), 'qa');
  const scorer = await createScorer(suite.config.scorer, { suiteDir: suite.dir, tools: suite.tools });
  const example = suite.examples[0]!;
  const item: EpisodeItem = { suite: { suite: { ...suite, config: { ...suite.config, timeoutMs: 50 } }, scorer, cpu: undefined }, example, repeat: 0, sampleIndex: 7 };
  return { item, expected: example.expected as string };
}

function play(runner: Partial<AgentRunner>, item: EpisodeItem, signal = new AbortController().signal) {
  return playEpisode({ runId: 'r', runner: { close: async () => {}, ...runner } as AgentRunner, signal, live: new Set(), graceMs: 50 }, item);
}

const result = (fields: Partial<EpisodeResult>): EpisodeResult => ({ output: null, trace: [], usage, outcome: { status: 'completed' }, ...fields });

describe('playing one episode', () => {
  it('scores a completed episode; an agent failure is a fail with its reason; an infrastructure outcome is an error with its code', async () => {
    const { item, expected } = await setup();
    const pass = await play({ runEpisode: async () => result({ output: { answer: expected } }) }, item);
    expect(pass).toMatchObject({ status: 'pass', score: 1, sampleIndex: 7, repeat: 0, usage });
    const wrong = await play({ runEpisode: async () => result({ output: { answer: 'elsewhere' } }) }, item);
    expect(wrong.status).toBe('fail');
    expect(wrong.reason).toBeTruthy();
    const failed = await play({ runEpisode: async () => result({ outcome: { status: 'fail', reason: 'step limit (2) reached' } }) }, item);
    expect(failed).toMatchObject({ status: 'fail', reason: 'step limit (2) reached' });
    const errored = await play({ runEpisode: async () => result({ outcome: { status: 'error', reason: 'server down', code: 'EMODEL_UNREACHABLE' } }) }, item);
    expect(errored).toMatchObject({ status: 'error', errorCode: 'EMODEL_UNREACHABLE', reason: 'server down' });
  });

  it('a runner that throws, or does not return past its timeout, is a harness error, not a fail', async () => {
    const { item } = await setup();
    const thrown = await play({ runEpisode: async () => Promise.reject(new Error('bug')) }, item);
    expect(thrown).toMatchObject({ status: 'error', errorCode: 'EHARNESS', reason: expect.stringContaining('bug') });
    const hung = await play({ runEpisode: () => new Promise<EpisodeResult>(() => {}) }, item);
    expect(hung).toMatchObject({ status: 'error', errorCode: 'EHARNESS', reason: expect.stringContaining('did not stop within 100 ms') });
  });

  it('many episodes under one run signal leave no listener on it, and no episode in the live set', async () => {
    const { item, expected } = await setup();
    const run = new AbortController().signal;
    const live = new Set<AbortController>();
    const runner = {
      close: async () => {},
      runEpisode: async (input: Parameters<AgentRunner['runEpisode']>[0]) => {
        // What the real runners do: a clock on the episode's signal, stopped at the end.
        const clock = new EpisodeClock(input.timeoutMs, input.signal);
        clock.signal.addEventListener('abort', () => {});
        clock.stop();
        return result({ output: { answer: expected } });
      },
    };
    const records = await Promise.all(Array.from({ length: 40 }, (_, repeat) => playEpisode({ runId: 'r', runner, signal: run, live, graceMs: 50 }, { ...item, repeat })));
    expect(records.every((r) => r.status === 'pass')).toBe(true);
    expect(getEventListeners(run, 'abort')).toHaveLength(0);
    expect(live.size).toBe(0);
  });

  it('an interrupted run records nothing for the episodes in flight', async () => {
    const { item } = await setup();
    const controller = new AbortController();
    const episode = play({ runEpisode: (input) => new Promise((_, reject) => input.signal?.addEventListener('abort', () => reject(new Error('aborted')))) }, item, controller.signal);
    controller.abort();
    await expect(episode).rejects.toThrow('run interrupted');
  });
});
