import { relative } from 'node:path';
import type { Project } from '../../config/index.js';
import { gatherRefusals, openReleaseLine } from '../../release/index.js';
import { renderFileStats, synthesizeIteration, type SynthesizeStageResult } from '../../synthesis/index.js';
import type { CliContext } from '../context.js';
import { withInterrupt } from '../interrupt.js';
import { chooseAgent, iterationOption } from '../options.js';

/**
 * `agentdevel synthesize [--agent <a>] [--iteration <n>] [--dry-run]`: one release candidate
 * from the iteration's specification, committed on its own branch. Exit 0 whenever the stage
 * did its job, including "no candidate" (no actionable symptom, or every attempt refused):
 * that is an outcome recorded in the iteration, not a failure of the command.
 */
export default async function synthesize(_args: string[], options: Record<string, unknown>, ctx: CliContext): Promise<number> {
  const project = await ctx.project();
  const agent = await chooseAgent(project, options.agent as string | undefined);
  const iteration = iterationOption(options.iteration);
  return withInterrupt(async (signal) => {
    const result = await synthesizeIteration({
      project,
      agent,
      ...(iteration === undefined ? {} : { iteration }),
      dryRun: Boolean(options.dryRun),
      // The engineer sees the version line's refused candidates and may not repeat one, as in a release.
      refusals: async (before) => gatherRefusals({ project, line: await openReleaseLine(project, agent), before }),
      signal,
      logger: ctx.logger,
    });
    ctx.result(render(result, project), { ...result, candidate: result.patch !== undefined && result.status !== 'no-candidate', simulated: result.engineer?.simulated ?? project.config.endpoints.engineer.baseURL === 'sim' });
    return 0;
  }, ctx.logger.info);
}

function render(r: SynthesizeStageResult, project: Project): string {
  const lines = [`synthesize: agent ${r.agent}, iteration ${r.iteration}`];
  if (r.engineer) lines.push(`engineer: ${r.engineer.model}${r.engineer.simulated ? ' (the simulated world, not a real model)' : ''}`);
  if (r.base) lines.push(`version line: ${r.base.branch} at ${r.base.commit.slice(0, 12)}${r.base.created ? ` (${r.status === 'dry-run' ? 'would be made' : 'made'} at HEAD)` : ''}`);
  switch (r.status) {
    case 'no-target':
    case 'no-candidate':
      lines.push(`no candidate: ${r.reason}`);
      break;
    case 'already-committed':
      lines.push(`already synthesized: ${r.rcBranch} at ${r.rcCommit}; nothing to do`);
      break;
    case 'dry-run':
      lines.push('dry run: nothing committed, nothing written');
      break;
    case 'committed':
      lines.push(`RC: ${r.rcBranch} at ${r.rcCommit}`);
      if (r.worktree) lines.push(`worktree: ${relative(project.root, r.worktree) || r.worktree}`);
      break;
  }
  if (r.files && r.files.length > 0) lines.push('files:', ...renderFileStats(r.files));
  if (r.intent) {
    lines.push(`intent: ${r.intent.summary}`);
    lines.push(`  targets: ${r.intent.targets.join(', ')}`);
    lines.push(`  expected fixes: ${r.intent.expectedFixes.join(', ') || '(none named)'}`);
  }
  const refused = r.attempts.filter((a) => !a.ok);
  if (r.attempts.length > 0) lines.push(`attempts: ${r.attempts.length}${refused.length > 0 ? `, ${refused.length} refused:` : ''}`);
  for (const a of refused) lines.push(`  ${a.attempt}. EPATCH ${a.reason}: ${a.message}`);
  if (r.status === 'dry-run' && r.patch) lines.push('', r.patch.trimEnd());
  return lines.join('\n');
}
