import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadProject, type Project } from '../../src/config/index.js';
import { gitProject } from './git-fixture.js';

export const LOOKUP_RULE = 'Call lookup_city before get_weather.';
export const PROMPT = 'You are a weather agent.\n';

const suite = {
  name: 'weather',
  scorer: { kind: 'exact' },
  sim: { needs: { 'lookup-first': { mode: 'skip-tool', tool: 'lookup_city', rule: LOOKUP_RULE } } },
  examples: [
    { id: 'paris', input: 'What is the weather in Paris?', expected: 'sunny', sim: { needs: ['lookup-first'], answer: 'sunny', wrong: 'rainy' } },
    { id: 'oslo', input: 'What is the weather in Oslo?', expected: 'cold', sim: { needs: ['lookup-first'], answer: 'cold', wrong: 'warm' } },
    { id: 'hello', input: 'Say hello.', expected: 'hello', sim: { answer: 'hello' } },
  ],
};

/** The spec.md header block as the diagnosis writes it, and the part of diagnosis.json synthesis reads. */
export function specText(target = 'missing-required-step'): string {
  return ['# Engineering specification', '', '```', `Target: ${target}`, 'Triggering tool: lookup_city', 'Triggering tag: (none)', '```', '', 'Examples expected to flip: paris, oslo.', ''].join('\n');
}

export function diagnosisJson(target: string | undefined): string {
  return JSON.stringify({
    input: { simulated: true },
    target: target ? { status: 'targeted', targets: [target], reason: 'most failures' } : { status: 'no-actionable-symptom', targets: [], reason: 'no symptom on 2 examples' },
    exemplars: target ? [{ label: target, exemplars: [{ suite: 'weather', exampleId: 'paris', trace: 'weather/paris #0 · fail\nfinal answer: rainy' }] }] : [],
  });
}

/** A git project with a weather agent on the simulated world and iteration 1 diagnosed. */
export async function weatherProject(options: { sim?: Record<string, unknown>; engineer?: Record<string, unknown>; target?: string | null; agentYaml?: string } = {}) {
  const config = {
    endpoints: { engineer: options.engineer ?? { baseURL: 'sim' } },
    sim: { seed: 3, flakyShare: 0, rerollRate: 0, broadRate: 0, malformedRate: 0, ...options.sim },
  };
  const { root, origin } = await gitProject({
    'agentdevel.yaml': JSON.stringify(config, null, 2),
    'specs/weather.yaml': JSON.stringify(suite, null, 2),
    'agents/weather/agent.yaml': options.agentYaml ?? 'name: weather\nkind: prompt\nsystem: prompts/system.md\neditable: [prompts/**]\n',
    'agents/weather/prompts/system.md': PROMPT,
    'agents/weather/notes.txt': 'not editable\n',
  });
  const iteration = join(root, '.agentdevel/iterations/weather/1');
  await mkdir(iteration, { recursive: true });
  await writeFile(join(iteration, 'iteration.json'), JSON.stringify({ agent: 'weather', n: 1, completed: { critique: 'x', diagnose: 'x' } }));
  const target = options.target === null ? undefined : (options.target ?? 'missing-required-step');
  await writeFile(join(iteration, 'spec.md'), specText(target ?? '(none)'));
  await writeFile(join(iteration, 'diagnosis.json'), diagnosisJson(target));
  const project: Project = await loadProject({ cwd: root });
  return { root, origin, project, iteration };
}
