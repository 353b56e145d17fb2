import { join, relative } from 'node:path';
import { listAgentNames, listYamlNames, projectPaths, type Project } from '../config/index.js';
import { fail } from '../core/errors.js';
import { listIterations } from '../store/index.js';

/** Option parsing and choosing shared by the commands: integers, the iteration, the agent. */

/**
 * An integer flag (undefined when not given), at least `min`; EUSAGE otherwise. A flag that
 * accepts any integer passes Number.MIN_SAFE_INTEGER and its message then names no bound.
 */
export function intOption(value: unknown, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  const n = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min) {
    return fail('EUSAGE', `${flag} ${text}: expected an integer${min > Number.MIN_SAFE_INTEGER ? ` >= ${min}` : ''}`);
  }
  return n;
}

/** --iteration n (n >= 1), undefined for "the latest". */
export function iterationOption(value: unknown): number | undefined {
  return intOption(value, '--iteration', 1);
}

/** --agent, else the project's only agent; EUSAGE when there is none or several. */
export async function chooseAgent(project: Project, given: string | undefined): Promise<string> {
  const names = await listAgentNames(project);
  if (given) return known(project, given, names);
  if (names.length === 1 && names[0]) return names[0];
  return ambiguousAgent(project, names);
}

/**
 * For commands about an existing iteration: --agent, else the only agent with iterations in
 * the store, else the project's only agent.
 */
export async function chooseIteratedAgent(project: Project, given: string | undefined): Promise<string> {
  const names = await listAgentNames(project);
  if (given) return known(project, given, names);
  const iterated: string[] = [];
  for (const name of names) if ((await listIterations(project.storeDir, name)).length > 0) iterated.push(name);
  if (iterated.length === 1 && iterated[0]) return iterated[0];
  if (names.length === 1 && names[0]) return names[0];
  return ambiguousAgent(project, iterated.length > 0 ? iterated : names);
}

/**
 * --agent as given, when the project has its folder or the store has its iterations (a report
 * needs no folder); else ENOT_FOUND listing the agents there are.
 */
async function known(project: Project, given: string, names: string[]): Promise<string> {
  if (names.includes(given) || (await listIterations(project.storeDir, given)).length > 0) return given;
  const dir = projectPaths.agentsDir(project);
  return fail('ENOT_FOUND', `no agent ${given} (no ${join(relative(project.root, dir) || '.', given, 'agent.yaml')}); ${names.length > 0 ? `agents: ${names.join(', ')}` : `there is no agent under ${dir}`}`, {
    data: { agent: given, agents: names },
    details: names.length === 1 ? `Pass --agent ${names[0]} (or leave --agent out: it is the only one).` : names.length > 1 ? 'Pass one of them with --agent <name>.' : 'Create one (agentdevel init scaffolds an example), or run where agentdevel.yaml is.',
  });
}

function ambiguousAgent(project: Project, candidates: string[]): never {
  return fail('EUSAGE', candidates.length === 0 ? `no agent under ${projectPaths.agentsDir(project)}: pass --agent <name>` : `several agents (${candidates.join(', ')}): pass --agent <name>`);
}

/** --suite as given, else the release's suites in agentdevel.yaml, else every suite under specs/. */
export async function chooseSuites(project: Project, given: string[] | undefined): Promise<string[]> {
  if (given && given.length > 0) return given;
  if (project.config.release.suites.length > 0) return project.config.release.suites;
  return listYamlNames(projectPaths.specsDir(project));
}
