import { loadBlueprintByName, type Blueprint } from '../agent/index.js';
import { loadGatePolicy, type GatePolicy, type Project } from '../config/index.js';
import { fail } from '../core/errors.js';
import { loadTaxonomy, type Taxonomy } from '../critic/index.js';
import { comparisonPolicy, type ComparisonPolicyName } from '../gate/index.js';
import { loadSuites } from '../suite/index.js';
import type { LoadedSuite } from '../suite/types.js';

/** A gate policy as the study plays it: with the engineer shown the line's refused candidates (history) or not. */
export type StudyPolicy = GatePolicy & { name: string; history: boolean };

/** The policies every study compares, in this order (src/gate/comparison-policies.ts); the engineer sees its line's refused candidates. */
export const BUILTIN_POLICIES: readonly ComparisonPolicyName[] = ['none', 'aggregate', 'strict', 'lenient', 'default'];

/** Policies also played with an engineer that is shown no history, so that the gain from history is measured: named `<policy>/no-history`. */
export const WITHOUT_HISTORY: readonly ComparisonPolicyName[] = ['default'];

/** The built-in comparison policies, then each `gates/<name>.yaml` named, shown as `gates/<name>`. */
export async function studyPolicies(project: Project, gates: readonly string[]): Promise<StudyPolicy[]> {
  const policies: StudyPolicy[] = BUILTIN_POLICIES.map((name) => ({ ...comparisonPolicy(name), history: true }));
  for (const name of WITHOUT_HISTORY) policies.push({ ...comparisonPolicy(name), name: `${name}/no-history`, history: false });
  for (const gate of gates) {
    const loaded = await loadGatePolicy(project, gate);
    const name = `gates/${gate.replace(/^gates\//, '').replace(/\.ya?ml$/, '')}`;
    if (policies.some((p) => p.name === name)) fail('EUSAGE', `--gate ${gate}: named twice`, { details: 'Name each gate policy once.' });
    policies.push({ ...loaded, name, history: true });
  }
  return policies;
}

/** What every line of a study plays with; loaded once per thread (suites carry tool functions, which do not cross threads). */
export interface StudySetup {
  project: Project;
  agent: string;
  blueprint: Blueprint;
  suites: LoadedSuite[];
  taxonomy: Taxonomy;
  policies: StudyPolicy[];
  iterations: number;
}

export interface SetupInput {
  project: Project;
  agent: string;
  suites: readonly string[];
  policies: StudyPolicy[];
  iterations: number;
}

export async function loadSetup(input: SetupInput): Promise<StudySetup> {
  const suites = await loadSuites(input.project, [...input.suites]);
  const unannotated = suites.filter((suite) => !suite.examples.some((e) => e.sim !== undefined));
  if (unannotated.length > 0) {
    fail('EUSAGE', `study: suite ${unannotated.map((s) => `"${s.name}"`).join(', ')} has no \`sim:\` annotations, so the simulated world cannot play it or know its truth`, {
      details: 'The study runs on the simulated world only: pick suites whose examples carry `sim:` annotations (docs/simulated-world.md), e.g. the shipped support-desk.',
    });
  }
  return {
    project: input.project,
    agent: input.agent,
    blueprint: await loadBlueprintByName(input.project, input.agent),
    suites,
    taxonomy: await loadTaxonomy(input.project.config.critic.labels),
    policies: input.policies,
    iterations: input.iterations,
  };
}
