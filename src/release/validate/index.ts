/**
 * `agentdevel validate`'s deep checks: what a long run would trip on after every file has the
 * right shape. Suites and agents load as a run loads them, gate policies mean what they say,
 * and agentdevel.yaml points at things that exist. Every problem is returned, none thrown.
 */
import type { ConfigIssue, Project } from '../../config/index.js';
import { checkAgents } from './agents.js';
import { checkGates } from './gates.js';
import { checkProjectRefs } from './project-refs.js';
import { splitSizeWarnings } from './split-sizes.js';
import { checkSuites } from './suites.js';

export interface DeepCheckOptions {
  /** Display names of files whose shape check failed: not loaded again (their problems are known). */
  skip: ReadonlySet<string>;
}

export async function checkProjectDeep(project: Project, options: DeepCheckOptions): Promise<{ issues: ConfigIssue[]; warnings: string[] }> {
  const suites = await checkSuites(project, options.skip);
  const issues = [
    ...(await checkProjectRefs(project)),
    ...(await checkAgents(project, options.skip)),
    ...suites.issues,
    ...(await checkGates(project, options.skip, { loaded: suites.loaded, incomplete: suites.broken.size > 0 })),
  ];
  return { issues, warnings: await splitSizeWarnings(project, suites.loaded) };
}
