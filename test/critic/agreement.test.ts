import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadBlueprintByName } from '../../src/agent/index.js';
import { systemPrompt } from '../../src/agent/prompt/messages.js';
import { critiqueRecords, loadTaxonomy } from '../../src/critic/index.js';
import type { CritiqueRecord } from '../../src/core/critique.js';
import { openModelLayer, seedFor } from '../../src/llm/index.js';
import { modeLabels } from '../../src/llm/sim/world/critic.js';
import { createWorld } from '../../src/llm/sim/world/index.js';
import { loadSuites } from '../../src/suite/index.js';
import { runAgent, shippedProject } from './fixture.js';

/**
 * The simulated critic against the world's ground truth, on the shipped agents and suites run
 * for real: its label for a failed record should be the natural label of the failure mode the
 * world drew (truth) about 1 − mislabelRate of the time. (js-functions is cut to its first 16
 * examples: each of its episodes spawns the agent and the test program.) The mode the episode actually played
 * can differ from the drawn one (a mode the example cannot show falls back to one it can),
 * which the critic, reading only the trace, follows.
 */
let played: Awaited<ReturnType<typeof playShipped>>;
beforeAll(async () => {
  played = await playShipped();
}, 60_000);

/** Runs both shipped agents once and reads everything the measurements need (the temp project goes after the first test). */
async function playShipped() {
  const sim = { seed: 3, flakyShare: 0.08, rerollRate: 0.03 };
  const root = await shippedProject({ agents: ['support-bot', 'js-coder'], suites: ['support-desk', 'js-functions'], config: { sim }, keepExamples: { 'js-functions': (i) => i < 16 } });
  const support = await runAgent(root, 'support-bot', ['support-desk'], { repeats: 2 });
  const coder = await runAgent(root, 'js-coder', ['js-functions']);
  const project = support.project;
  const suites = await loadSuites(project, ['support-desk', 'js-functions']);
  const bot = await loadBlueprintByName(project, 'support-bot');
  if (bot.config.kind !== 'prompt') throw new Error('support-bot is a prompt agent');
  const prompts: Record<string, string> = {
    'support-desk': systemPrompt(bot, bot.config),
    'js-functions': await readFile(join(root, 'agents/js-coder/prompts/system.md'), 'utf8'),
  };
  return { project, suites, prompts, records: [...support.records, ...coder.records] };
}

async function measure(mislabelRate: number) {
  const { suites, prompts, records: all } = played;
  // The critic's mislabel rate changes nothing the agent does: the same runs serve every rate.
  const project = { ...played.project, config: { ...played.project.config, sim: { ...played.project.config.sim, mislabelRate } } };
  const simSuites = suites.map((s) => ({ name: s.name, sim: s.config.sim, examples: s.examples }));
  const world = createWorld({ config: project.config.sim, suites: simSuites });
  const tools: Record<string, string[]> = { 'support-desk': suites[0]!.config.tools!.definitions.map((d) => d.name), 'js-functions': [] };

  const models = await openModelLayer(project, { simSuites, cache: false });
  const critiques: CritiqueRecord[] = [];
  try {
    const ctx = { suites, client: models.client('critic'), taxonomy: await loadTaxonomy(), options: { maxAttempts: 2, samplePasses: 0 } };
    for await (const c of critiqueRecords(all, ctx)) critiques.push(c);
  } finally {
    await models.close();
  }
  const records = new Map(all.map((r) => [`${r.suite}/${r.exampleId}/${r.repeat}`, r]));
  let truthAgrees = 0;
  let modeAgrees = 0;
  for (const c of critiques) {
    const record = records.get(`${c.suite}/${c.exampleId}/${c.repeat}`)!;
    const truth = world.truth(c.suite, c.exampleId, prompts[c.suite]!);
    const mode = world.episode(c.suite, c.exampleId, prompts[c.suite]!, { seed: seedFor(record.sampleIndex), tools: tools[c.suite]! }).plan.mode;
    const label = c.symptoms[0]?.label;
    if (label === modeLabels[truth.failureMode]) truthAgrees++;
    if (mode !== 'pass' && label === modeLabels[mode]) modeAgrees++;
  }
  return { n: critiques.length, truth: truthAgrees / critiques.length, played: modeAgrees / critiques.length, critiques };
}

describe('simulated critic against the ground truth', () => {
  test('without mislabels it names what the episode played, and mostly the mode the world drew', async () => {
    const { n, truth, played, critiques } = await measure(0);
    console.log(`simulated critic, mislabelRate 0: ${n} failed records, label = truth ${(truth * 100).toFixed(1)}%, label = played mode ${(played * 100).toFixed(1)}%`);
    expect(n).toBeGreaterThan(40);
    expect(critiques.every((c) => c.status === 'fail' && c.verdict === 'fail')).toBe(true);
    // Only the rare names of its own (2%) differ from what was played.
    expect(played).toBeGreaterThan(0.9);
    expect(truth).toBeGreaterThan(0.8);
  });

  test('with the default mislabel rate (0.1) it agrees with the truth about 90% of the time', async () => {
    const { n, truth, played } = await measure(0.1);
    console.log(`simulated critic, mislabelRate 0.1: ${n} failed records, label = truth ${(truth * 100).toFixed(1)}%, label = played mode ${(played * 100).toFixed(1)}%`);
    expect(played).toBeGreaterThan(0.9 - 0.15);
    expect(played).toBeLessThan(0.98);
    expect(Math.abs(truth - 0.9)).toBeLessThan(0.2);
  });

  test('with a high mislabel rate (0.4) agreement falls to about 60%', async () => {
    const { truth, played } = await measure(0.4);
    expect(Math.abs(played - 0.6)).toBeLessThan(0.2);
    expect(Math.abs(truth - 0.6)).toBeLessThan(0.25);
  });
});
