import { access } from 'node:fs/promises';
import { relative } from 'node:path';
import { listAgentNames, loadYamlFile, agentSchema, projectPaths, type Project } from '../../config/index.js';
import { fail } from '../../core/errors.js';
// The levels are checked before the study's module graph (the whole pipeline) is loaded.
import { DEFAULT_FLAKY_LEVELS, DEFAULT_REROLL_LEVELS, noiseLevels, parseLevels } from '../../study/levels.js';
import type { CliContext } from '../context.js';
import { intOption } from '../options.js';

export const STUDY_DEFAULTS = { lines: 20, iterations: 10, seed: 1, jobs: 2 } as const;
const SHIPPED_SUITE = 'support-desk';

/**
 * `agentdevel study`: gate policies measured against the simulated world's ground truth (see
 * src/study). Prints the Markdown table and where the Markdown, JSON and HTML were written.
 */
export default async function study(_args: string[], options: Record<string, unknown>, ctx: CliContext): Promise<number> {
  const lines = intOption(options.lines, '--lines', 1) ?? STUDY_DEFAULTS.lines;
  const iterations = intOption(options.iterations, '--iterations', 1) ?? STUDY_DEFAULTS.iterations;
  const seed = intOption(options.seed, '--seed', 0) ?? STUDY_DEFAULTS.seed;
  const jobs = intOption(options.jobs, '--jobs', 1) ?? STUDY_DEFAULTS.jobs;
  const flaky = typeof options.flaky === 'string' ? parseLevels(options.flaky, '--flaky') : DEFAULT_FLAKY_LEVELS;
  const reroll = typeof options.reroll === 'string' ? parseLevels(options.reroll, '--reroll') : DEFAULT_REROLL_LEVELS;
  noiseLevels({ flakyShare: 0, rerollRate: 0 }, flaky, reroll); // refuses a bad level now, not after loading the project
  const project = await ctx.project();
  const agent = await chooseAgent(project, options.agent as string | undefined);
  const suites = await chooseSuites(project, options.suite as string[] | undefined);
  const { runStudy } = await import('../../study/index.js');
  const gates = (options.gate as string[] | undefined) ?? [];
  const command = [
    'agentdevel study',
    `--agent ${agent}`,
    `--suite ${suites.join(' ')}`,
    `--lines ${lines}`,
    `--iterations ${iterations}`,
    `--seed ${seed}`,
    `--flaky ${flaky.join(',')}`,
    `--reroll ${reroll.join(',')}`,
    ...(options.grid ? ['--grid'] : []),
    ...(gates.length > 0 ? [`--gate ${gates.join(' ')}`] : []),
  ].join(' ');
  ctx.logger.info(`study: simulated world, ${agent} on ${suites.join(', ')}, ${lines} lines × ${iterations} iterations per noise level and policy, ${jobs} job${jobs === 1 ? '' : 's'}`);
  const outcome = await runStudy({
    project,
    agent,
    suites,
    gates,
    lines,
    iterations,
    seed,
    jobs,
    flaky,
    reroll,
    grid: Boolean(options.grid),
    command,
    logger: ctx.logger,
    onLine: (result, done, total) => ctx.logger.debug(`study: line ${result.line + 1} of level ${result.level + 1} done in ${result.seconds.toFixed(1)} s (${done}/${total})`),
  });
  const where = (path: string) => relative(ctx.cwd, path) || path;
  const { timing } = outcome.document;
  const text = [
    outcome.markdown.trimEnd(),
    '',
    `Written to ${where(outcome.dir)}/: ${where(outcome.files.md)}, ${where(outcome.files.json)}, ${where(outcome.files.html)}.`,
    `Took ${timing.seconds.toFixed(1)} s on ${timing.jobs} job${timing.jobs === 1 ? '' : 's'}: ${timing.policyIterations} iterations, ${timing.callsMade.toLocaleString('en-US')} model calls made (${timing.callsSpent.toLocaleString('en-US')} if every policy ran alone). Simulated world.`,
  ].join('\n');
  ctx.result(text, { ...outcome.document, files: outcome.files });
  return 0;
}

/** --agent, else the project's only prompt agent (the study reads a prompt agent's system prompt for ground truth). */
async function chooseAgent(project: Project, given: string | undefined): Promise<string> {
  if (given) return given;
  const names = await listAgentNames(project);
  const prompts: string[] = [];
  for (const name of names) {
    const config = await loadYamlFile(projectPaths.agentFile(project, name), agentSchema, project.root).catch(() => undefined);
    if (config?.kind === 'prompt') prompts.push(name);
  }
  if (prompts.length === 1) return prompts[0]!;
  return fail('EUSAGE', prompts.length === 0 ? `no prompt agent under ${projectPaths.agentsDir(project)}: pass --agent <name> (a kind: prompt agent)` : `several prompt agents (${prompts.join(', ')}): pass --agent <name>`);
}

/** --suite, else release.suites, else the shipped support-desk suite when the project has it. */
async function chooseSuites(project: Project, given: string[] | undefined): Promise<string[]> {
  if (given && given.length > 0) return given;
  if (project.config.release.suites.length > 0) return project.config.release.suites;
  const shipped = await access(projectPaths.suiteFile(project, SHIPPED_SUITE)).then(
    () => true,
    () => false,
  );
  if (shipped) return [SHIPPED_SUITE];
  return fail('EUSAGE', 'no suite to study: pass --suite <names...> (suites with `sim:` annotations), or set release.suites in agentdevel.yaml');
}
