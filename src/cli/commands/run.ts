import type { Project } from '../../config/index.js';
import { ExitCode, fail } from '../../core/errors.js';
import { commitOf } from '../../core/git/index.js';
import { openReleaseLine } from '../../release/index.js';
import { agentPathOf } from '../../release/loop/agent-path.js';
import { checkoutVersion } from '../../release/loop/version-checkout.js';
import { barProgress, executeRun, lineProgress, parseShard, renderSummary, silentProgress, type ProgressSink, type RunSummary } from '../../run/index.js';
import type { CliContext } from '../context.js';
import { chooseExamples } from '../example-choice.js';
import { withInterrupt } from '../interrupt.js';
import { chooseAgent, chooseSuites, intOption } from '../options.js';

/**
 * `agentdevel run`: one agent version on suites. Exit 0 when the run completed (fails are
 * results); errors left by the infrastructure are counted with a warning, since
 * `--retry-errors` reruns exactly those; exit 3 only when every record is an error.
 */
export default async function run(_args: string[], options: Record<string, unknown>, ctx: CliContext): Promise<number> {
  const project = await ctx.project();
  const agent = await chooseAgent(project, options.agent as string | undefined);
  const suites = await chooseSuites(project, options.suite as string[] | undefined);
  const agentDir = typeof options.agentRef === 'string' ? await agentAtRef(project, agent, options.agentRef) : undefined;
  const examples = await chooseExamples(project, suites, options.example as string[] | undefined, options.tag as string[] | undefined);
  return withInterrupt(async (signal) => {
    const result = await executeRun({
      project,
      agent,
      ...(agentDir ? { agentDir } : {}),
      suites,
      ...(examples ? { examples } : {}),
      repeats: intOption(options.repeats, '--repeats', 1),
      seed: intOption(options.seed, '--seed', Number.MIN_SAFE_INTEGER),
      sampleBase: intOption(options.sampleBase, '--sample-base', 0),
      shard: typeof options.shard === 'string' ? parseShard(options.shard) : undefined,
      retryErrors: Boolean(options.retryErrors),
      concurrency: intOption(options.concurrency, '--concurrency', 1),
      signal,
      progress: chooseProgress(ctx),
      logger: ctx.logger,
    });
    const { summary } = result;
    ctx.result(renderSummary(summary), { runId: result.runId, dir: result.dir, simulated: summary.simulated, summary });
    return exitCode(summary, ctx);
  }, ctx.logger.info);
}

/**
 * --agent-ref: the agent folder as a git ref (a version line, an RC branch, a commit) holds it,
 * read from git's objects into the store; the suites and settings stay the working tree's. A CI
 * job runs the version line or a release candidate this way without checking it out.
 */
async function agentAtRef(project: Project, agent: string, ref: string): Promise<string> {
  const line = await openReleaseLine(project, agent);
  const commit = await commitOf(line.repo.git, ref);
  if (!commit) {
    return fail('ENOT_FOUND', `--agent-ref ${ref}: no such commit, branch or tag in ${line.repo.root}`, {
      details: 'Fetch it first (a CI checkout has remote branches as origin/<branch>; `git fetch origin <branch>:<branch>` makes the local one).',
    });
  }
  return (await checkoutVersion(line.repo, { commit, agentPath: agentPathOf(line), agent, storeDir: project.storeDir })).dir;
}

function exitCode(summary: RunSummary, ctx: CliContext): number {
  const { error, records } = summary.total;
  if (records > 0 && error === records) {
    const first = summary.firstError ? ` The first: ${summary.firstError.code} ${summary.firstError.reason}` : '';
    ctx.logger.warn(`every record of run ${summary.runId} is an infrastructure error: nothing was measured. Fix the endpoint, then rerun with --retry-errors.${first}`);
    return ExitCode.infrastructure;
  }
  if (error > 0) ctx.logger.warn(`${error} record${error === 1 ? '' : 's'} ended in an infrastructure error (not counted as fails); rerun the same command with --retry-errors to retry only those.`);
  return ExitCode.ok;
}

function chooseProgress(ctx: CliContext): ProgressSink {
  if (ctx.logger.level === 'quiet') return silentProgress;
  if (process.stderr.isTTY) return barProgress(process.stderr);
  return lineProgress((line) => ctx.logger.info(line));
}
