import { loadProject } from '../../config/index.js';
import { fail } from '../../core/errors.js';
import { DEMO_AGENT, prepareDemoRepo, release as runRelease, type ReleaseResult } from '../../release/loop/index.js';
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
