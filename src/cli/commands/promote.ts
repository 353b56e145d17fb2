import { promoteCheck, type PromoteCheckResult } from '../../release/check/index.js';
import { promoteIteration, type PromoteResult } from '../../release/index.js';
import type { CliContext } from '../context.js';
import { fail } from '../../core/errors.js';
import { chooseAgent, iterationOption } from '../options.js';

/**
 * `agentdevel promote [--agent <a>] [--iteration <n>] [--dry-run]`: promotes the iteration's
 * gated release candidate on the version line (a CI job after review). Refuses anything the
 * gate did not accept (EPROMOTE_DECISION); a second promote says it is already done. Pushing
 * is left to the caller: the command prints what to push.
 */
export default async function promote(_args: string[], options: Record<string, unknown>, ctx: CliContext): Promise<number> {
  const project = await ctx.project();
  if (typeof options.fromCheck === 'string') {
    if (options.iteration !== undefined) return fail('EUSAGE', '--from-check and --iteration name two different candidates: give one');
    const done = await promoteCheck({ project, from: options.fromCheck, agent: options.agent as string | undefined, head: options.head as string | undefined, cwd: ctx.cwd, dryRun: Boolean(options.dryRun), logger: ctx.logger });
    ctx.result(renderCheck(done), done);
    return 0;
  }
  const agent = await chooseAgent(project, options.agent as string | undefined);
  const iteration = iterationOption(options.iteration);
  const result = await promoteIteration({ project, agent, ...(iteration === undefined ? {} : { iteration }), dryRun: Boolean(options.dryRun), logger: ctx.logger });
  ctx.result(render(result), result);
  return 0;
}

function renderCheck(r: PromoteCheckResult): string {
  const c = r.check;
  const head = `check ${c.id}: agent ${c.agent}, ${c.head.ref}${c.head.commit ? ` (${c.head.commit.slice(0, 12)})` : ''} against ${c.base.ref} (${c.base.commit.slice(0, 12)}): ${c.decision}`;
  if (r.already) return `${head}\nalready promoted: iteration ${r.already.iteration} of the ledger records it as ${r.already.tag ?? r.already.decision}; nothing to do`;
  if (!r.promoted) return `${head}\ndry run: nothing written. It would commit the checked blueprint (from ${r.source}) on the RC branch of iteration ${r.iteration} on top of the version line, then promote it with the check's runs and gate in the ledger.`;
  return `${head}\nthe checked blueprint from ${r.source} is iteration ${r.iteration} of the version line\n${render(r.promoted)}`;
}

function render(r: PromoteResult): string {
  const short = (commit: string | null) => (commit ? commit.slice(0, 12) : '(not made)');
  const lines = [`promote: agent ${r.agent}, iteration ${r.iteration}`];
  const g = r.gate;
  lines.push(`gate: accept${g.policy ? ` (policy ${g.policy})` : ''}: P→F ${g.p2f}, F→P ${g.f2p}, McNemar p = ${g.pValue.toPrecision(3)}`);
  switch (r.status) {
    case 'promoted':
    case 'completed':
      lines.push(`${r.status === 'promoted' ? 'promoted' : 'completed an interrupted promotion'}: ${r.version.tag} (was ${r.previous.tag})`);
      break;
    case 'already-promoted':
      lines.push(`already promoted: ${r.version.tag} at ${short(r.version.commit)}; nothing to do`);
      break;
    case 'dry-run':
      lines.push(`dry run: nothing written. It would:`, ...r.steps.map((s) => `  - ${s}`));
      break;
    default:
      lines.push(`${r.status}: ${r.decision}`);
  }
  lines.push(`version: ${r.version.tag} (version ${r.version.number})`);
  lines.push(`version branch: ${r.branch}${r.version.commit ? ` at ${r.version.commit}` : ''}`);
  lines.push(`RC commit: ${r.rc.commit} (${r.rc.branch}, kept)`);
  if (r.recordCommit) lines.push(`record commit: ${r.recordCommit} (${r.files.join(', ')})`);
  if (r.status === 'completed') lines.push(...r.steps.map((s) => `  ${s}`));
  if (r.status !== 'dry-run') lines.push(`to publish (not done here): git push origin ${r.branch} ${r.version.tag}`);
  if (r.simulated) lines.push('The evidence comes from the simulated world (agentdevel serve --sim), not a real model.');
  return lines.join('\n');
}
