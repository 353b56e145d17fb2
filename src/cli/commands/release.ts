import { loadProject } from '../../config/index.js';
import { fail } from '../../core/errors.js';
import { abandonRelease, DEMO_AGENT, prepareDemoRepo, release as runRelease, type ReleaseResult } from '../../release/loop/index.js';
import { barProgress, lineProgress, silentProgress, type ProgressSink } from '../../run/index.js';
import type { CliContext } from '../context.js';
import { withInterrupt } from '../interrupt.js';
import { chooseAgent, intOption } from '../options.js';
import { iterationLine, releaseSummary } from './release-format.js';

/**
 * `agentdevel release --agent <a> [--iterations N] [--suite …] [--gate …] [--dry-run]`: the
 * release loop until a stop rule fires, a line per iteration as it ends, then the summary.
 * `--demo` first makes a fresh git repository with the shipped agents, suites and gates on the
 * simulated world and releases support-bot there. Exit 0 when the loop ran, whatever the gate
 * decided (each decision is in the ledger; `agentdevel gate` exits with a verdict).
 */
export default async function release(_args: string[], options: Record<string, unknown>, ctx: CliContext): Promise<number> {
  if (options.abandon) return abandon(options, ctx);
  const demo = Boolean(options.demo);
  if (demo && options.dryRun) fail('EUSAGE', '--demo and --dry-run together: the demo releases in a fresh temp repository of its own; leave out --dry-run');
  const root = demo ? await prepareDemoRepo() : undefined;
  if (root) ctx.logger.info(`demo: a fresh git repository with the shipped agents, suites and gates, on the simulated world: ${root}`);
  const project = root ? await loadProject({ cwd: root }) : await ctx.project();
  const agent = demo ? DEMO_AGENT : await chooseAgent(project, options.agent as string | undefined);
  const started = Date.now();
  return withInterrupt(async (signal) => {
    const result = await runRelease({
      project,
      agent,
      iterations: intOption(options.iterations, '--iterations', 1),
      suites: options.suite as string[] | undefined,
      gate: typeof options.gate === 'string' ? options.gate : undefined,
      dryRun: Boolean(options.dryRun),
      signal,
      logger: ctx.logger,
      progress: progressFor(ctx),
      onStage: (n, stage) => ctx.logger.info(`iteration ${n}: ${stage}…`),
      onIteration: (r) => (ctx.json ? ctx.logger.info(iterationLine(r)) : process.stdout.write(`${iterationLine(r)}\n`)),
    });
    const seconds = (Date.now() - started) / 1000;
    const text = [releaseSummary(result, ctx.cwd), ...(root ? demoLines(root, result, seconds) : [])].join('\n');
    ctx.result(text, { ...result, ...(root ? { demo: { repo: root, seconds } } : {}) });
    return 0;
  }, ctx.logger.info);
}

function demoLines(root: string, result: ReleaseResult, seconds: number): string[] {
  return [
    `demo repository: ${root}`,
    `  look around: cd ${root} && git log --oneline --decorate ${result.branch}`,
    ...(result.reports ? [`  open the report: ${result.reports.html}`, `  Markdown report: ${result.reports.md}`] : []),
    `  took ${seconds.toFixed(1)} s; every result above comes from the simulated world, not a real model.`,
  ];
}

/** As `run` shows progress: a bar per run on a terminal, else a line per run every 5 s (CI logs); none under --quiet. */
function progressFor(ctx: CliContext): (label: string) => ProgressSink {
  if (ctx.logger.level === 'quiet') return () => silentProgress;
  if (process.stderr.isTTY) return () => barProgress(process.stderr);
  return (label) => lineProgress((line) => ctx.logger.info(`  ${line}`), 5_000, { name: label, startLine: false });
}

/** `release --abandon`: the unfinished release ends; what it had begun is recorded as abandoned. */
async function abandon(options: Record<string, unknown>, ctx: CliContext): Promise<number> {
  const others = ['iterations', 'suite', 'gate', 'dryRun', 'demo'].filter((k) => options[k] !== undefined && options[k] !== false);
  if (others.length > 0) fail('EUSAGE', `--abandon takes only --agent: it ends the unfinished release and runs nothing (given: ${others.map((k) => `--${k === 'dryRun' ? 'dry-run' : k}`).join(', ')})`, { details: 'Run `agentdevel release --abandon`, then `agentdevel release` with the settings of the new release.' });
  const project = await ctx.project();
  const agent = await chooseAgent(project, options.agent as string | undefined);
  const result = await abandonRelease({ project, agent, logger: ctx.logger });
  const { plan } = result;
  const lines = [
    `abandoned the release of ${agent} begun at ${plan.startedAt} (iterations ${plan.first} to ${plan.first + plan.iterations - 1}, gate ${plan.gate}, suites ${plan.suites.join(', ')})`,
    ...result.recorded.map((r) => `  iteration ${r.n}: recorded on the ledger as abandoned${r.commit ? ` (commit ${r.commit.slice(0, 12)})` : ''}; it had completed ${r.stages.length > 0 ? r.stages.join(', ') : 'no stage'}`),
    ...(result.recorded.length === 0 ? ['  no iteration was left half-done: nothing to record'] : []),
    'the next `agentdevel release` starts a new release, with its own --gate, --iterations and --suite',
  ];
  ctx.result(lines.join('\n'), result);
  return 0;
}
