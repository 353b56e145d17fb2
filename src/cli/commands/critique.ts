import { critiqueRun, renderCritiqueSummary } from '../../critic/index.js';
import { fail } from '../../core/errors.js';
import type { CliContext } from '../context.js';

/** Seconds between progress lines on stderr. */
const PROGRESS_EVERY_MS = 2_000;

/**
 * `agentdevel critique --run <runId> [--iteration <n>]`: the blind critic labels the run's dev
 * fails and a sample of its dev passes into the iteration's critique.jsonl. Rerunning resumes.
 */
export default async function critique(_args: string[], options: Record<string, unknown>, ctx: CliContext): Promise<number> {
  const runId = typeof options.run === 'string' ? options.run.trim() : '';
  if (runId === '') fail('EUSAGE', 'critique needs the run to critique: --run <runId> (printed by `agentdevel run`)');
  const iteration = iterationOption(options.iteration);
  const project = await ctx.project();
  const controller = new AbortController();
  const interrupt = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  let total = 0;
  let made = 0;
  let lastShown = Date.now();
  try {
    const result = await critiqueRun({
      project,
      runId,
      ...(iteration === undefined ? {} : { iteration }),
      signal: controller.signal,
      logger: ctx.logger,
      onPlan: (plan) => {
        total = plan.selected - plan.done;
        ctx.logger.info(`critiquing run ${runId} into iteration ${plan.iteration}: ${plan.selected} records selected, ${plan.done} already done`);
      },
      onCritique: () => {
        made++;
        if (Date.now() - lastShown < PROGRESS_EVERY_MS) return;
        lastShown = Date.now();
        ctx.logger.info(`  ${made} of ${total} critiqued`);
      },
    });
    ctx.result(renderCritiqueSummary(result), {
      runId: result.runId,
      agent: result.agent,
      iteration: result.iteration.n,
      file: result.file,
      simulated: result.critic.simulated,
      added: result.added,
      resumed: result.resumed,
      taxonomyVersion: result.taxonomyVersion,
      summary: result.summary,
      critic: result.critic,
    });
    return 0;
  } finally {
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
  }
}

function iterationOption(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) fail('EUSAGE', `--iteration ${String(value)}: expected an integer >= 1`);
  return n;
}
