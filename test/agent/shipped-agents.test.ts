import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createAgentRunner, loadBlueprintByName, type EpisodeResult } from '../../src/agent/index.js';
import { systemPrompt } from '../../src/agent/prompt/messages.js';
import { loadProject } from '../../src/config/index.js';
import { openModelLayer, type ModelLayer } from '../../src/llm/index.js';
import { createWorld } from '../../src/llm/sim/world/index.js';
import { createScorer } from '../../src/scoring/index.js';
import { loadSuite, type LoadedExample, type LoadedSuite } from '../../src/suite/index.js';

/**
 * The agents in agents/ playing the suites they ship for, on the simulated world, scored by the
 * suites' own scorers, and checked against the world's ground truth.
 */
const repoRoot = join(import.meta.dirname, '../..');
let models: ModelLayer | undefined;
afterEach(async () => {
  await models?.close();
  models = undefined;
});

async function play(agent: string, suiteName: string, pick: (examples: LoadedExample[]) => LoadedExample[]) {
  const project = await loadProject({ cwd: repoRoot });
  const suite: LoadedSuite = await loadSuite(project, suiteName);
  const simSuites = [{ name: suite.name, sim: suite.config.sim, examples: suite.examples }];
  models = await openModelLayer(project, { simSuites, cache: false });
  const blueprint = await loadBlueprintByName(project, agent);
  const runner = createAgentRunner(blueprint, models);
  const scorer = await createScorer(suite.config.scorer, { suiteDir: suite.dir, tools: suite.tools });
  const world = createWorld({ config: project.config.sim, suites: simSuites });
  const examples = pick(suite.examples);
  try {
    const results: Array<{ example: LoadedExample; result: EpisodeResult; pass: boolean }> = [];
    for (let i = 0; i < examples.length; i += 8) {
      const batch = examples.slice(i, i + 8);
      results.push(
        ...(await Promise.all(
          batch.map(async (example) => {
            const result = await runner.runEpisode({ example, tools: suite.tools, sampleIndex: 0, timeoutMs: 20_000 });
            const pass = result.outcome.status === 'completed' && (await scorer.score({ example, output: result.output, trace: result.trace })).pass;
            return { example, result, pass };
          }),
        )),
      );
    }
    return { blueprint, suite, world, results };
  } finally {
    await runner.close();
  }
}

describe('shipped agents', () => {
  test('support-bot: its starting prompt states no rule the world knows, and plays the suite as the ground truth says', async () => {
    const { blueprint, suite, world, results } = await play('support-bot', 'support-desk', (all) => all);
    if (blueprint.config.kind !== 'prompt') throw new Error('support-bot is a prompt agent');
    const system = systemPrompt(blueprint, blueprint.config);
    expect(world.rulesIn(system)).toEqual([]);

    const wrappedButRight: string[] = [];
    for (const { example, result, pass } of results) {
      expect(result.outcome.status === 'error', `${example.id}: ${JSON.stringify(result.outcome)}`).toBe(false);
      const truth = world.truth(suite.name, example.id, system);
      if (truth.flaky || truth.rerolled) continue;
      if (truth.passProbability === 1 || !pass) {
        expect(pass, `${example.id}: truth p=${truth.passProbability} (${truth.failureMode})`).toBe(truth.passProbability === 1);
        continue;
      }
      // Known gap between the world and this suite: a bad-format episode wraps the right answer
      // in chatter, and the suite's regex still finds the right date in it.
      expect(truth.failureMode, `${example.id} scored pass though the world failed it`).toBe('bad-format');
      wrappedButRight.push(example.id);
    }
    expect(wrappedButRight.length).toBeLessThanOrEqual(6);
    const passes = results.filter((r) => r.pass).length;
    // Work for the release loop: many examples need a rule the prompt does not state yet.
    expect(passes).toBeGreaterThan(results.length * 0.1);
    expect(passes).toBeLessThan(results.length * 0.75);
  });

  test('js-coder: answers through the recording proxy and the code scorer agrees with the ground truth', async () => {
    const { blueprint, suite, world, results } = await play('js-coder', 'js-functions', (all) => all.filter((_, i) => i % 3 === 0));
    const system = blueprint.files.find((f) => f.path === 'prompts/system.md')?.content.toString('utf8') ?? '';
    for (const { example, result, pass } of results) {
      expect(result.outcome, example.id).toEqual({ status: 'completed' });
      expect(result.usage.calls).toBe(1);
      expect(typeof (result.output as { answer?: unknown }).answer).toBe('string');
      const truth = world.truth(suite.name, example.id, system.trimEnd());
      if (!truth.flaky && !truth.rerolled) expect(pass, `${example.id}: truth p=${truth.passProbability}`).toBe(truth.passProbability === 1);
    }
    expect(world.rulesIn(system)).toEqual([]);
    const passes = results.filter((r) => r.pass).length;
    expect(passes).toBeGreaterThan(0);
    expect(passes).toBeLessThan(results.length);
  });
});
