import { critiqueRun, renderCritiqueSummary } from '../../critic/index.js';
import { fail } from '../../core/errors.js';
import type { CliContext } from '../context.js';
import { withInterrupt } from '../interrupt.js';
import { iterationOption } from '../options.js';

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
  let total = 0;
  let made = 0;
  let lastShown = Date.now();
  return withInterrupt(async (signal) => {
    const result = await critiqueRun({
      project,
      runId,
      ...(iteration === undefined ? {} : { iteration }),
      signal,
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
  }, ctx.logger.info);
}
