import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';
import { displayName, listAgentNames, projectPaths, type ConfigIssue, type Project } from '../../config/index.js';
import { loadBlueprintByName } from '../../agent/index.js';
import { findBubblewrap } from '../../core/process/index.js';
import { loaderIssues, placeInFile } from './error-issues.js';

/** The PATH a command agent gets when agentdevel's own has none (src/agent/command/environment.ts). */
const DEFAULT_PATH = '/usr/local/bin:/usr/bin:/bin';

/**
 * Loads every agent blueprint as a run would (the prompt files and `./` programs it names
 * exist, the folder's name matches), and checks that a command agent's program can be started:
 * a bare name is found on PATH, an absolute path is an executable file; under `confine: files`,
 * that bubblewrap can start a sandbox here. Files in `skip`
 * already failed their shape check.
 */
export async function checkAgents(project: Project, skip: ReadonlySet<string>, env: NodeJS.ProcessEnv = process.env): Promise<ConfigIssue[]> {
  const issues: ConfigIssue[] = [];
  for (const name of await listAgentNames(project)) {
    const path = projectPaths.agentFile(project, name);
    const file = displayName(path, project.root);
    if (skip.has(file)) continue;
    const found = issues.length;
    try {
      const blueprint = await loadBlueprintByName(project, name);
      if (blueprint.config.kind === 'command') {
        const problem = await programProblem(blueprint.config.command[0]!, env.PATH ?? DEFAULT_PATH);
        if (problem) issues.push({ file, path: 'command[0]', message: problem });
        if (blueprint.config.confine === 'files') {
          const unavailable = await findBubblewrap(env, 'expected bubblewrap to start a sandbox here (or `confine: none`)').then(() => undefined, (error: Error) => error.message);
          if (unavailable) issues.push({ file, path: 'confine', message: unavailable });
        }
      }
    } catch (error) {
      issues.push(...loaderIssues(error, file, project.root));
    }
    // Problems found after parsing (a missing prompt file, a program not on PATH) point at their field's line too.
    if (issues.length > found) placeInFile(issues.slice(found), file, await readFile(path, 'utf8').catch(() => undefined));
  }
  return issues;
}

/** Why the program cannot be started, or undefined. `./` programs are the blueprint loader's to check. */
async function programProblem(program: string, path: string): Promise<string | undefined> {
  if (program.startsWith('./')) return undefined;
  if (isAbsolute(program)) return (await isExecutable(program)) ? undefined : `expected an executable file, found none at ${program}`;
  if (program.includes('/')) return `expected a program on PATH, an absolute path or ./<file in the agent folder>, found "${program}" (a command agent runs in a fresh temp folder, where this path names nothing)`;
  for (const dir of path.split(delimiter)) if (dir && (await isExecutable(join(dir, program)))) return undefined;
  return `expected a program on PATH, found no "${program}" in ${path}`;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
