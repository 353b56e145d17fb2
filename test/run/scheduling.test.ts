import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject, type Project } from '../../src/config/index.js';
import { startInProcessSim, type RunningSim } from '../../src/llm/index.js';
import type { RunManifest } from '../../src/core/records.js';
import { executeRun, runPool } from '../../src/run/index.js';
import type { SuiteContext } from '../../src/run/episode.js';
import { durationsFile } from '../../src/run/expected-durations.js';
import { planEpisodes } from '../../src/run/plan.js';
import { loadSuite } from '../../src/suite/index.js';
import { qaProject } from './fixture.js';
import { storeOf } from './helpers.js';

describe('the order episodes start in', () => {
  const manifest = { suites: [{ name: 's', repeats: 2 }], seed: 1, sampleBase: 0 } as unknown as RunManifest;
  const contexts = new Map([['s', { suite: { examples: ['a', 'b', 'c', 'd'].map((id) => ({ id, suite: 's' })) } } as unknown as SuiteContext]]);
  const order = (expected?: Map<string, number>) => [...planEpisodes(manifest, contexts, new Set(['s/c#1']), expected).items].map((i) => `${i.example.id}#${i.repeat}`);

  it('is run order without history, and longest expected first with it: unknown examples first, repeats kept together', () => {
    expect(order()).toEqual(['a#0', 'a#1', 'b#0', 'b#1', 'c#0', 'd#0', 'd#1']);
    const history = new Map([['s/a', 10], ['s/b', 300], ['s/d', 40]]);
    expect(order(history)).toEqual(['c#0', 'b#0', 'b#1', 'd#0', 'd#1', 'a#0', 'a#1']);
    expect(planEpisodes(manifest, contexts, new Set(), history).ordered).toBe(true);
  });

  it("a run records each example's mean duration for the agent, and the next run reads a history written by hand", async () => {
    const root = await qaProject({ examples: 6, repeats: 2 });
    const project = await loadProject({ cwd: root });
    await executeRun({ project, agent: 'qa', suites: ['qa'] });
    const file = durationsFile(storeOf(root), 'qa');
    const written = JSON.parse(await readFile(file, 'utf8')) as Record<string, number>;
    expect(Object.keys(written).sort()).toEqual(['qa/q000', 'qa/q001', 'qa/q002', 'qa/q003', 'qa/q004', 'qa/q005']);
    for (const ms of Object.values(written)) expect(ms).toBeGreaterThanOrEqual(0);
    // A fresh sample base is a new run; its debug line says it starts the longest first.
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify({ ...written, 'qa/q003': 99_999, 'gone/x': 5 }));
    const lines: string[] = [];
    const logger = { debug: (l: string) => lines.push(l), info: () => {}, warn: () => {}, error: () => {} };
    await executeRun({ project, agent: 'qa', suites: ['qa'], sampleBase: 10, logger: logger as never });
    expect(lines.some((l) => /12 episodes to play, .* at once, longest expected first/.test(l))).toBe(true);
    const after = JSON.parse(await readFile(file, 'utf8')) as Record<string, number>;
    // This run's means replace the history of the examples it ran; others are kept.
    expect(after['qa/q003']).toBeLessThan(99_999);
    expect(after['gone/x']).toBe(5);
  });
});

describe('runPool with a limit that changes', () => {
  it('reads the limit again as tasks end: never more in flight than the limit when each task starts', async () => {
    let limit = 2;
    let active = 0;
    const seen: Array<[number, number]> = [];
    await runPool(
      Array.from({ length: 30 }, (_, i) => i),
      () => limit,
      async (i) => {
        active++;
        seen.push([active, limit]);
        await new Promise((r) => setTimeout(r, 2));
        if (i === 8) limit = 6;
        if (i === 20) limit = 1;
        active--;
      },
    );
    for (const [inFlight, allowed] of seen) expect(inFlight).toBeLessThanOrEqual(allowed);
    expect(Math.max(...seen.map(([n]) => n))).toBe(6);
  });
});

describe('following the server capacity in the run stage', () => {
  async function gpuRun(capacity: 'auto' | 'fixed'): Promise<{ peakQueued: number; peakInFlight: number; completed: number }> {
    const scratch = await qaProject({ examples: 40 });
    const suite = await loadSuite(await loadProject({ cwd: scratch }), 'qa');
    const base = await loadProject({ cwd: scratch });
    const sim: RunningSim = await startInProcessSim(base.config.sim, [{ name: 'qa', sim: suite.config.sim, examples: suite.examples }], { gpu: { slots: 2, prefillMsPer1kTokens: 0, decodeMsPerToken: 10 } });
    try {
      const root = await qaProject({ examples: 40, baseURL: sim.url, concurrency: 24 });
      const loaded = await loadProject({ cwd: root });
      const project: Project = { ...loaded, config: { ...loaded.config, endpoints: { ...loaded.config.endpoints, agent: { ...loaded.config.endpoints.agent, capacity } } } };
      await executeRun({ project, agent: 'qa', suites: ['qa'], modelOptions: { cache: false } });
      const gpu = sim.stats().gpu!;
      return { peakQueued: gpu.peakQueued, peakInFlight: gpu.peakBusySlots + gpu.peakQueued, completed: gpu.completed };
    } finally {
      await sim.close();
    }
  }

  it("capacity auto reads the server's 2 slots from /props and keeps few requests queued there; fixed sends its 24", async () => {
    const auto = await gpuRun('auto');
    expect(auto.completed).toBe(40);
    expect(auto.peakQueued).toBeLessThanOrEqual(4);
    const fixed = await gpuRun('fixed');
    expect(fixed.completed).toBe(40);
    expect(fixed.peakQueued).toBeGreaterThanOrEqual(10);
  });
});
