import { fileURLToPath } from 'node:url';
import { loadBlueprintByName } from '../../src/agent/index.js';
import { projectSchema, type Project } from '../../src/config/index.js';
import { criticForSuites, criticOptionsOf, loadTaxonomy } from '../../src/critic/index.js';
import { openModelLayer, type ModelLayerOptions } from '../../src/llm/index.js';
import type { ModelLayer } from '../../src/llm/types.js';
import type { SuiteContext } from '../../src/run/index.js';
import { createScorer } from '../../src/scoring/index.js';
import { loadSetup, studyPolicies, type StudySetup } from '../../src/study/index.js';
import { LineWork } from '../../src/study/line-work.js';
import { loadSuites } from '../../src/suite/index.js';
import { tempDir } from '../helpers/tmp.js';

/** The repository root: the shipped support-bot agent and support-desk suite, read in place. */
export const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** The shipped project with a store of its own in a temp folder (nothing is written under the repository). */
export async function shippedProject(config: Record<string, unknown> = {}): Promise<Project> {
  return { root: REPO, configPath: undefined, config: projectSchema.parse(config), storeDir: await tempDir('agentdevel-study-store-') };
}

export async function shippedSetup(iterations: number, gates: string[] = []): Promise<StudySetup> {
  const project = await shippedProject();
  return loadSetup({ project, agent: 'support-bot', suites: ['support-desk'], policies: await studyPolicies(project, gates), iterations });
}

/** A model layer on the shipped suite's world and the line work over it, as runLine builds them. */
export async function shippedWork(project: Project, layer: Omit<ModelLayerOptions, 'simSuites'>): Promise<{ models: ModelLayer; work: LineWork; blueprint: Awaited<ReturnType<typeof loadBlueprintByName>> }> {
  const suites = await loadSuites(project, ['support-desk']);
  const models = await openModelLayer(project, { ...layer, simSuites: suites.map((s) => ({ name: s.name, sim: s.config.sim, examples: s.examples })) });
  const critic = await criticForSuites(project, models, suites);
  const contexts: SuiteContext[] = [];
  for (const suite of suites) contexts.push({ suite, scorer: await createScorer(suite.config.scorer, { suiteDir: suite.dir, tools: suite.tools, rubric: suite.config.rubric, critic }), cpu: undefined });
  const taxonomy = await loadTaxonomy();
  const work = new LineWork({
    player: { suites: contexts, models, seed: 3, concurrency: 16 },
    suites,
    taxonomy,
    critic: criticOptionsOf(project, { seed: 3 }),
    synthesis: project.config.synthesis,
    diagnosis: { agent: 'support-bot', simulated: true },
  });
  return { models, work, blueprint: await loadBlueprintByName(project, 'support-bot') };
}
