import { dirname, resolve } from 'node:path';
import { ConfigProblems, findConfig, formatIssue, loadProject, projectSchema, validateFiles, type ConfigIssue, type Project } from '../../config/index.js';
import { ExitCode } from '../../core/errors.js';
import { checkProjectDeep } from '../../release/validate/index.js';
import type { CliContext } from '../context.js';

/**
 * `agentdevel validate`: every file's shape (agentdevel.yaml, agents, suites, gates), then what
 * a long run would trip on (suites and agents load, gate policies are coherent, references
 * resolve). Every problem at once as `file:line:col: field: expected …, found …`; exit 2 if any.
 */
export default async function validate(_args: string[], _options: Record<string, unknown>, ctx: CliContext): Promise<number> {
  const issues: ConfigIssue[] = [];
  let project: Project;
  try {
    project = await loadProject({ configPath: ctx.options.config, cwd: ctx.cwd });
  } catch (error) {
    if (!(error instanceof ConfigProblems)) throw error;
    // A broken agentdevel.yaml must not hide the problems of the other files: check them with defaults.
    issues.push(...error.issues);
    const configPath = ctx.options.config ? resolve(ctx.cwd, ctx.options.config) : await findConfig(ctx.cwd);
    const root = configPath ? dirname(configPath) : ctx.cwd;
    const config = projectSchema.parse({});
    project = { root, configPath: undefined, config, storeDir: resolve(root, config.store) };
  }
  const result = await validateFiles(project);
  issues.push(...result.issues);
  // Files with the right shape are then loaded as a run loads them, and cross-checked.
  const deep = await checkProjectDeep(project, { skip: new Set(issues.map((i) => i.file)) });
  issues.push(...deep.issues);
  const checked = [...(project.configPath ? [] : issues.length > 0 ? ['agentdevel.yaml'] : []), ...result.checked.map((c) => c.file)];
  return report(ctx, checked, issues, deep.warnings);
}

/** Problems exit 2; warnings (what works but may not mean what it says) are printed and exit 0. */
function report(ctx: CliContext, checked: string[], issues: ConfigIssue[], warnings: string[]): number {
  const lines = [...issues.map(formatIssue), ...warnings.map((w) => `warning: ${w}`)];
  const summary = issues.length === 0 ? `ok: ${checked.length} file${checked.length === 1 ? '' : 's'} valid` : `${issues.length} problem${issues.length === 1 ? '' : 's'} found in ${checked.length} file${checked.length === 1 ? '' : 's'}`;
  ctx.result([...lines, summary].join('\n'), { ok: issues.length === 0, checked, issues, warnings });
  return issues.length === 0 ? ExitCode.ok : ExitCode.badInput;
}
