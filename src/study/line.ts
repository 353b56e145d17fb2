import { endpointSchema, type Project, type SimWorldConfig } from '../config/index.js';
import { criticForSuites, criticOptionsOf } from '../critic/index.js';
import { openModelLayer } from '../llm/index.js';
import { createWorld } from '../llm/sim/world/index.js';
import { runReleaseLine, type Spent, type StopRule } from '../release/loop/index.js';
import type { SuiteContext } from '../run/index.js';
import { createScorer } from '../scoring/index.js';
import { accountLine, type LineAccount } from './account.js';
import type { NoiseLevel } from './levels.js';
import { LineWork } from './line-work.js';
import { policyStages } from './policy-stages.js';
import type { StudySetup } from './setup.js';
import { TruthTable, truthExamples } from './truth.js';
import { startVersion } from './version.js';

/** One release line of a study: a noise level and a seed (the world's and the runs'). */
export interface LineTask {
  level: number;
  noise: NoiseLevel;
  /** 0-based line number. */
  line: number;
  seed: number;
}

export interface PolicyLineResult {
  policy: string;
  account: LineAccount;
  /** Pass rates of a fresh run of the final version (dev and holdout), as a user would measure them. */
  observed: { dev: number | null; holdout: number | null };
  /** Model use of the line's iterations as this policy alone would spend it (fresh calls and tokens). */
  spent: Spent;
  iterations: number;
  stop: StopRule;
}

export interface LineResult {
  level: number;
  line: number;
  seed: number;
  policies: PolicyLineResult[];
  /** Model use actually made for the line, work shared between policies counted once. */
  made: Spent;
  seconds: number;
}

/** Episodes in flight per run; the direct transport answers in the same thread, so this only keeps work queued. */
const IN_FLIGHT = 64;

/** The world a line plays: the project's `sim:` with the level's noise and the line's seed, and no latency (it changes times, never outcomes). */
export function lineWorld(project: Project, task: Pick<LineTask, 'noise' | 'seed'>): SimWorldConfig {
  return { ...project.config.sim, seed: task.seed, flakyShare: task.noise.flakyShare, rerollRate: task.noise.rerollRate, latencyMs: 0 };
}

/**
 * Runs every policy's release line on one world and seed, sharing the work they have in common
 * (LineWork), each through runReleaseLine (the release loop the release command runs) for the
 * study's iterations; then evaluates each final version on a fresh run and accounts for every
 * step against the world's ground truth.
 */
export async function runLine(setup: StudySetup, task: LineTask): Promise<LineResult> {
  const started = performance.now();
  const world = lineWorld(setup.project, task);
  const endpoint = endpointSchema.parse({ baseURL: 'sim', concurrency: IN_FLIGHT });
  const project: Project = { ...setup.project, config: { ...setup.project.config, sim: world, endpoints: { agent: endpoint, critic: endpoint, engineer: endpoint } } };
  const simSuites = setup.suites.map((s) => ({ name: s.name, sim: s.config.sim, examples: s.examples }));
  const models = await openModelLayer(project, { simSuites, cache: false, simTransport: 'direct' });
  try {
    const critic = await criticForSuites(project, models, setup.suites);
    const contexts: SuiteContext[] = [];
    for (const suite of setup.suites) {
      const scorer = await createScorer(suite.config.scorer, { suiteDir: suite.dir, tools: suite.tools, rubric: suite.config.rubric, critic });
      contexts.push({ suite, scorer, cpu: undefined });
    }
    const work = new LineWork({
      player: { suites: contexts, models, seed: task.seed, concurrency: IN_FLIGHT, hidden: [project.root, project.storeDir] },
      suites: setup.suites,
      taxonomy: setup.taxonomy,
      critic: criticOptionsOf(project, { seed: task.seed }),
      synthesis: project.config.synthesis,
      diagnosis: {
        agent: setup.agent,
        simulated: true,
        mustPass: setup.suites.flatMap((suite) => suite.config.mustPass.map((id) => `${suite.name}/${id}`)),
        labelDescriptions: Object.fromEntries(setup.taxonomy.labels.map((l) => [l.label, l.description])),
      },
    });
    // The study's own copy of the world, for ground truth only: the same settings give the same truth, and nothing of it reaches the stages.
    const truthWorld = createWorld({ config: world, suites: simSuites });
    const truth = new TruthTable(truthWorld, truthExamples(truthWorld, setup.suites));
    const start = startVersion(setup.blueprint);
    const limits = { iterations: setup.iterations, maxConsecutiveRejections: setup.iterations + 1, budget: {}, maxHoldoutDrop: Number.POSITIVE_INFINITY };
    const policies = await Promise.all(
      setup.policies.map(async (policy): Promise<PolicyLineResult> => {
        const line = policyStages(work, policy, setup.suites, start);
        const result = await runReleaseLine(line.stages, { first: 1, limits });
        const final = line.current();
        const evaluated = await work.evaluation(result.iterations[result.iterations.length - 1]!.n, final);
        return {
          policy: policy.name,
          account: accountLine(line.steps, { start, final }, (v) => truth.of(v)),
          observed: evaluated.passRate,
          spent: result.spent,
          iterations: result.iterations.length,
          stop: result.stop.rule,
        };
      }),
    );
    return { level: task.level, line: task.line, seed: task.seed, policies, made: { ...work.made }, seconds: (performance.now() - started) / 1000 };
  } finally {
    await models.close();
  }
}
