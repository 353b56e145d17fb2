import { basename, join, resolve } from 'node:path';
import { agentSchema, ConfigProblems, displayName, listAgentNames, loadYamlFile, projectPaths, type Project } from '../../config/index.js';
import { fail } from '../../core/errors.js';
import { exists } from '../../store/index.js';
import type { Blueprint } from '../types.js';
import { checkAgainstFiles } from './checks.js';
import { readBlueprintFiles } from './read-tree.js';
import { gitTreeHash } from './tree-hash.js';

export const AGENT_FILE = 'agent.yaml';

/**
 * Reads an agent folder as a blueprint: agent.yaml validated (problems named as
 * `file: field: message`), every file read, and the tree hashed. `displayRoot` is the folder
 * paths in messages are shown relative to.
 */
export async function loadBlueprint(dir: string, options: { displayRoot?: string } = {}): Promise<Blueprint> {
  const root = resolve(dir);
  const displayRoot = options.displayRoot ?? process.cwd();
  const agentFile = join(root, AGENT_FILE);
  const config = await loadYamlFile(agentFile, agentSchema, displayRoot);
  const files = await readBlueprintFiles(root, displayName(root, displayRoot));
  const issues = checkAgainstFiles(config, files, displayName(agentFile, displayRoot));
  if (issues.length > 0) throw new ConfigProblems(issues);
  return { name: config.name, dir: root, config, files, hash: gitTreeHash(files) };
}

/** The blueprint of `agents/<name>/` in a project; its agent.yaml must carry the folder's name. */
export async function loadBlueprintByName(project: Project, name: string): Promise<Blueprint> {
  const dir = projectPaths.agentDir(project, name);
  const agentFile = join(dir, AGENT_FILE);
  if (!(await exists(agentFile))) {
    const known = await listAgentNames(project);
    fail('ENOT_FOUND', `agent "${name}" not found: ${displayName(agentFile, project.root)} does not exist`, {
      details: known.length > 0 ? `Agents in this project: ${known.join(', ')}.` : `No agent in this project yet: create agents/${name}/agent.yaml (\`agentdevel init\` writes an example).`,
    });
  }
  const blueprint = await loadBlueprint(dir, { displayRoot: project.root });
  if (blueprint.config.name !== basename(dir)) {
    throw new ConfigProblems([
      { file: displayName(agentFile, project.root), path: 'name', message: `expected "${basename(dir)}" (the name of its folder), found "${blueprint.config.name}"` },
    ]);
  }
  return blueprint;
}
