import { fail } from '../../core/errors.js';
import type { GateResult } from '../../gate/index.js';
import { checkedFlakyFile, FLAKY_FILE } from '../../release/gating/index.js';
import { openReleaseLine, readLineLedger, recordWithAuditReport, type RecordResult } from '../../release/index.js';
import { readIterationFolder } from '../../report/index.js';
import { resolveIteration, storeLayout, type IterationState } from '../../store/index.js';
import type { CliContext } from '../context.js';
import { chooseAgent, iterationOption } from '../options.js';

/**
 * `agentdevel record [--agent <a>] [--iteration <n>] [--dry-run]`: records an iteration's
 * outcome on the version line as the release loop's record stage does, for iterations run
 * stage by stage (a CI workflow): an accepted RC is promoted (branch, tag, ledger line, report),
 * a rejected or inconclusive one, or an iteration that made no candidate, gets its ledger line
 * and report; the gate's flaky memory is committed with it. Refuses an RC that was not gated.
 * Exit 0 whatever the decision: the gate's exit status is the verdict. Nothing is pushed.
 */
export default async function record(_args: string[], options: Record<string, unknown>, ctx: CliContext): Promise<number> {
  const project = await ctx.project();
  const agent = await chooseAgent(project, options.agent as string | undefined);
  const state = await resolveIteration(project.storeDir, agent, iterationOption(options.iteration));
  const folder = await readIterationFolder(storeLayout(project.storeDir).iterationDir(agent, state.n));
  const gate = folder.gate as GateResult | null;
  const reason = gate ? undefined : noCandidateReason(state, folder.synthesis as { reason?: unknown } | null);
  const flaky = gate ? checkedFlakyFile(gate, agent, state.n, `${storeLayout(project.storeDir).iterationDir(agent, state.n)}/gate.json`) : undefined;
  const now = new Date();
  const ledger = (await readLineLedger(await openReleaseLine(project, agent))).filter((e) => e.iteration < state.n);
  const { result, report } = await recordWithAuditReport({
    project,
    iteration: state,
    gate,
    ledger,
    ...(reason === undefined ? {} : { reason }),
    ...(flaky === undefined ? {} : { releaseFiles: [{ name: FLAKY_FILE, content: flaky }] }),
    dryRun: Boolean(options.dryRun),
    logger: ctx.logger,
    now,
  });
  ctx.result(render(result, report.simulated), { ...result, simulated: report.simulated });
  return 0;
}

/** An iteration without gate.json is recorded only when synthesize ended it without a candidate. */
function noCandidateReason(state: IterationState, synthesis: { reason?: unknown } | null): string {
  if (state.rcCommit) {
    return fail('ENOT_FOUND', `iteration ${state.n} of agent "${state.agent}" has a release candidate (${state.rcCommit.slice(0, 12)}) but no gate.json: it was not gated`, {
      details: `Run its candidate and gate it first (\`agentdevel gate --agent ${state.agent} --iteration ${state.n}\`); an ungated candidate is never recorded.`,
    });
  }
  if (state.outcome !== 'no-candidate') {
    return fail('ENOT_FOUND', `iteration ${state.n} of agent "${state.agent}" has neither a gate result nor a synthesize that ended without a candidate`, {
      details: 'Finish the iteration first: critique, diagnose, synthesize, run the candidate and gate it.',
    });
  }
  return typeof synthesis?.reason === 'string' && synthesis.reason !== '' ? synthesis.reason : 'no candidate';
}

function render(r: RecordResult, simulated: boolean): string {
  const lines = [`record: agent ${r.agent}, iteration ${r.iteration}: ${r.decision} (${r.status})`];
  if (r.status === 'dry-run') lines.push('dry run: nothing written. It would:', ...r.steps.map((s) => `  - ${s}`));
  else lines.push(...r.steps.map((s) => `  ${s}`));
  lines.push(`version line ${r.branch}: ${r.previous.tag} → ${r.version.tag}`);
  if (r.recordCommit) lines.push(`record commit: ${r.recordCommit} (${r.files.join(', ')})`);
  if (r.status !== 'dry-run') lines.push(`to publish (not done here): git push --follow-tags origin ${r.branch}`);
  if (simulated) lines.push('The evidence comes from the simulated world, not a real model.');
  return lines.join('\n');
}
