import { join } from 'node:path';
import type { z } from 'zod';
import { isAgentdevelError } from '../core/errors.js';
import { ConfigProblems, type ConfigIssue } from './issues.js';
import { listAgentNames, listYamlNames, projectPaths, type Project } from './project.js';
import { agentSchema } from './schemas/agent.js';
import { gatePolicySchema } from './schemas/gate.js';
import { projectSchema } from './schemas/project.js';
import { suiteSchema } from './schemas/suite.js';
import { displayName, loadYamlFile } from './yaml-file.js';

export interface CheckedFile {
  file: string;
  kind: 'project' | 'agent' | 'suite' | 'gate';
}

/** Every file agentdevel reads in a project, with the schema it must satisfy. */
export async function projectFiles(project: Project): Promise<Array<CheckedFile & { path: string; schema: z.ZodType }>> {
  const files: Array<CheckedFile & { path: string; schema: z.ZodType }> = [];
  const add = (path: string, kind: CheckedFile['kind'], schema: z.ZodType) =>
    files.push({ path, file: displayName(path, project.root), kind, schema });
  if (project.configPath) add(project.configPath, 'project', projectSchema);
  for (const name of await listAgentNames(project)) add(projectPaths.agentFile(project, name), 'agent', agentSchema);
  for (const name of await listYamlNames(projectPaths.specsDir(project))) add(join(projectPaths.specsDir(project), `${name}.yaml`), 'suite', suiteSchema);
  for (const name of await listYamlNames(projectPaths.gatesDir(project))) add(join(projectPaths.gatesDir(project), `${name}.yaml`), 'gate', gatePolicySchema);
  return files;
}

/** Turns a thrown error into issues for a file, or rethrows what is not a problem of the file. */
export function issuesOf(error: unknown, file: string): ConfigIssue[] {
  if (error instanceof ConfigProblems) return error.issues;
  if (isAgentdevelError(error)) return [{ file, path: '', message: `${error.code} ${error.message}` }];
  throw error;
}

/** Schema-checks every file; returns all problems, never stopping at the first. */
export async function validateFiles(project: Project): Promise<{ checked: CheckedFile[]; issues: ConfigIssue[] }> {
  const files = await projectFiles(project);
  const issues: ConfigIssue[] = [];
  for (const f of files) {
    try {
      await loadYamlFile(f.path, f.schema, project.root);
    } catch (error) {
      issues.push(...issuesOf(error, f.file));
    }
  }
  return { checked: files.map(({ file, kind }) => ({ file, kind })), issues };
}
