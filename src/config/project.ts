import { access, readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fail } from '../core/errors.js';
import { applyEndpointEnv } from './endpoint-env.js';
import { projectSchema, type ProjectConfig } from './schemas/project.js';
import { loadYamlFile } from './yaml-file.js';

export const CONFIG_FILE = 'agentdevel.yaml';

/** A project: its root folder, its validated agentdevel.yaml and where its files live. */
export interface Project {
  root: string;
  /** Undefined when no agentdevel.yaml exists and defaults are used. */
  configPath: string | undefined;
  config: ProjectConfig;
  storeDir: string;
}

async function isFile(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Walks up from `start` to the first folder holding agentdevel.yaml. */
export async function findConfig(start: string): Promise<string | undefined> {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE);
    if (await isFile(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Loads the project. An explicit --config must exist; otherwise agentdevel.yaml is searched
 * upwards and, where there is none, the working directory is the root with default settings.
 * AGENTDEVEL_BASE_URL and AGENTDEVEL_<ROLE>_BASE_URL override the endpoints' baseURL (endpoint-env.ts).
 */
export async function loadProject(options: { configPath?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Project> {
  const cwd = options.cwd ?? process.cwd();
  let configPath: string | undefined;
  if (options.configPath) {
    configPath = resolve(cwd, options.configPath);
    if (!(await isFile(configPath))) fail('ECONFIG_NOT_FOUND', `${options.configPath}: config file not found`);
  } else {
    configPath = await findConfig(cwd);
  }
  const root = configPath ? dirname(configPath) : resolve(cwd);
  const config = applyEndpointEnv(configPath ? await loadYamlFile(configPath, projectSchema, root) : projectSchema.parse({}), options.env ?? process.env);
  return { root, configPath, config, storeDir: resolve(root, config.store) };
}

export const projectPaths = {
  agentsDir: (project: Project) => join(project.root, 'agents'),
  agentDir: (project: Project, name: string) => join(project.root, 'agents', name),
  agentFile: (project: Project, name: string) => join(project.root, 'agents', name, 'agent.yaml'),
  specsDir: (project: Project) => join(project.root, 'specs'),
  suiteFile: (project: Project, name: string) => join(project.root, 'specs', `${name}.yaml`),
  gatesDir: (project: Project) => join(project.root, 'gates'),
  gateFile: (project: Project, name: string) => join(project.root, 'gates', `${name}.yaml`),
  releasesDir: (project: Project, agent: string) => join(project.root, 'releases', agent),
};

/** Names of the YAML files directly in a folder, without extension, sorted. */
export async function listYamlNames(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
      .map((e) => e.name.replace(/\.ya?ml$/, ''))
      .sort();
  } catch {
    return [];
  }
}

/** Names of agent folders (those holding an agent.yaml), sorted. */
export async function listAgentNames(project: Project): Promise<string[]> {
  try {
    const entries = await readdir(projectPaths.agentsDir(project), { withFileTypes: true });
    const names: string[] = [];
    for (const e of entries) {
      if (e.isDirectory() && (await isFile(join(projectPaths.agentsDir(project), e.name, 'agent.yaml')))) names.push(e.name);
    }
    return names.sort();
  } catch {
    return [];
  }
}
