import type { GateReason, GateResult } from '../../gate/index.js';
import { gateIteration } from '../../release/gating/index.js';
import { readRunManifest } from '../../run/read-records.js';
import { SIMULATED_NOTE } from '../../run/summary-text.js';
import type { CliContext } from '../context.js';
import { withInterrupt } from '../interrupt.js';
import { chooseIteratedAgent, iterationOption } from '../options.js';
import { percent, pValueText } from './release-format.js';

/**
 * `agentdevel gate [--agent <a>] [--iteration <n>] [--gate <policy>]`: the gate of an iteration
 * whose baseline and RC runs exist: confirmation reruns of the flips on both versions, then the
 * decision with every reason, written to gate.json. The exit status is the verdict: 0 accept,
 * 10 reject, 11 inconclusive.
 */
export default async function gate(_args: string[], options: Record<string, unknown>, ctx: CliContext): Promise<number> {
  const project = await ctx.project();
  const agent = await chooseIteratedAgent(project, options.agent as string | undefined);
  return withInterrupt(async (signal) => {
    const gated = await gateIteration({
      project,
      agent,
      iteration: iterationOption(options.iteration),
      policy: typeof options.gate === 'string' ? options.gate : undefined,
      runs: { baseline: options.baseline as string | undefined, candidate: options.candidate as string | undefined },
      signal,
      logger: ctx.logger,
    });
    const simulated = (await readRunManifest(project.storeDir, gated.state.baselineRunId!)).model.simulated;
    ctx.result(render(agent, gated.state.n, gated.result, gated.file, gated.decided, simulated), {
      agent,
      iteration: gated.state.n,
      decision: gated.result.decision,
      exitCode: gated.result.exitCode,
      file: gated.file,
      decided: gated.decided,
      confirmation: gated.confirmation,
      simulated,
      gate: gated.result,
    });
    return gated.result.exitCode;
  }, ctx.logger.info);
}

function render(agent: string, n: number, r: GateResult, file: string, decided: boolean, simulated: boolean): string {
  const { counts, rates } = r;
  const lines = [
    `gate of iteration ${n} of ${agent} (policy ${r.policy.name ?? '(unnamed)'}): ${r.decision}`,
    `  P→F ${counts.p2f}, F→P ${counts.f2p} (confirmed, dev); flaky ${counts.flaky}, unconfirmed ${counts.unconfirmed}; McNemar p = ${pValueText(r.pValue)}`,
    `  pass rate dev ${percent(rates.passRate.baseline.dev)} → ${percent(rates.passRate.candidate.dev)}, holdout ${percent(rates.passRate.baseline.holdout)} → ${percent(rates.passRate.candidate.holdout)}`,
    `  observed flips ${counts.observedP2F} P→F and ${counts.observedF2P} F→P; confirmation reruns ${r.policy.mode === 'flips' ? `${r.policy.confirmRuns} per side` : 'none (not a flip policy)'}`,
    ...r.reasons.map(reasonLine),
  ];
  if (r.flaky.length > 0) lines.push(`  flaky (reported, not counted): ${r.flaky.slice(0, 10).join(', ')}${r.flaky.length > 10 ? `, and ${r.flaky.length - 10} more` : ''}`);
  lines.push(decided ? `wrote ${file}` : `already gated: ${file}`);
  if (simulated) lines.push(`note: ${SIMULATED_NOTE}`);
  return lines.join('\n');
}

function reasonLine(reason: GateReason): string {
  const mark = reason.passed ? 'ok  ' : reason.effect === 'inconclusive' ? 'n/a ' : 'FAIL';
  return `  ${mark} ${reason.rule}: ${reason.message}`;
}
