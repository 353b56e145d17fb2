import { isAbsolute, relative } from 'node:path';
import type { IterationResult, ReleaseResult } from '../../release/loop/index.js';
import { SIMULATED_NOTE } from '../../run/summary-text.js';

/** Text of the release and gate commands: one line per iteration and the closing summary. */

export function percent(x: number | null | undefined): string {
  return x === null || x === undefined ? 'n/a' : `${(x * 100).toFixed(1)}%`;
}

export function pValueText(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return 'n/a';
  return p >= 0.001 ? String(Number(p.toPrecision(3))) : p.toExponential(2);
}

/** `iteration 2  v1 → v2  accept  P→F 0  F→P 6  flaky 1  p=0.00123 (level 0.03)  dev 49.1% → 60.0%  holdout 52.6% → 52.6%`: the p-value the policy decided on (net-benefit with its level, else McNemar's). */
export function iterationLine(r: IterationResult): string {
  const failed = r.failedRules.length > 0 ? ` (${r.failedRules.join(', ')})` : '';
  const head = `iteration ${r.n}  ${r.from} → ${r.to}  ${r.decision === 'no-candidate' ? 'no candidate' : r.decision}${failed}`;
  const { baseline, candidate } = r.passRate;
  if (r.decision === 'no-candidate' || candidate === null) {
    return `${head} (${r.reason ?? 'no candidate'})  dev ${percent(baseline.dev)}  holdout ${percent(baseline.holdout)}`;
  }
  return [
    head,
    `P→F ${r.p2f ?? 'n/a'}`,
    `F→P ${r.f2p ?? 'n/a'}`,
    `flaky ${r.flaky ?? 'n/a'}`,
    `p=${pValueText(r.pValue)}${r.level === null ? '' : ` (level ${pValueText(r.level)})`}`,
    `dev ${percent(baseline.dev)} → ${percent(candidate.dev)}`,
    `holdout ${percent(baseline.holdout)} → ${percent(candidate.holdout)}`,
  ].join('  ');
}

/** The closing summary: outcome, why it stopped, the holdout, model use, and where everything is. */
export function releaseSummary(r: ReleaseResult, cwd: string): string {
  const count = (d: string) => r.iterations.filter((i) => i.decision === d).length;
  const first = r.iterations[0];
  const last = r.iterations[r.iterations.length - 1];
  const show = (path: string) => (relative(cwd, path).startsWith('..') ? path : relative(cwd, path) || path);
  // Commands to paste where the command ran: outside the repository (the demo) they name it.
  const git = relative(r.repo, cwd).startsWith('..') || isAbsolute(relative(r.repo, cwd)) ? `git -C ${r.repo}` : 'git';
  const lines = [
    `${r.dryRun ? 'dry run of the release' : 'release'} of ${r.agent}: ${r.iterations.length} iteration${r.iterations.length === 1 ? '' : 's'} (${count('accept')} accepted, ${count('reject')} rejected, ${count('inconclusive')} inconclusive, ${count('no-candidate')} without a candidate)${r.continued ? ', continuing a release that was stopped' : ''}`,
    `  version line ${r.branch}: ${first?.from ?? '?'} → ${last?.to ?? '?'}`,
    `  stopped: ${r.stop.message}`,
  ];
  if (r.holdout) {
    lines.push(`  holdout, evaluated once on a fresh run of ${r.holdout.version}: ${percent(r.holdout.passRate)} (the first baseline's: ${percent(r.holdout.start)}; run ${r.holdout.runId || 'none: no holdout examples'})`);
  }
  lines.push(`  model use: ${r.spent.calls.toLocaleString('en-US')} fresh model calls, ${r.spent.tokens.toLocaleString('en-US')} tokens`);
  if (r.reports) lines.push(`  report: ${show(r.reports.html)} (HTML), ${show(r.reports.md)} (Markdown)`);
  if (r.dryRun) {
    lines.push('  dry run: nothing was committed, tagged or moved in git; the runs are in the dry run\'s own store. It would:');
    for (const record of r.records) for (const step of record.steps) lines.push(`    - ${step}`);
  } else {
    lines.push(`  ledger: ${git} show ${r.branch}:${r.ledger}   # history: ${git} log ${r.branch}`);
    lines.push(...nextSteps(r, git));
  }
  lines.push(`  summary: ${show(r.summaryFile)}`);
  if (r.simulated) lines.push(`note: ${SIMULATED_NOTE}`);
  return lines.join('\n');
}

/**
 * What to do with a version the release made: it lives on the version line, never on the
 * user's branch, so say how to see it, take it and publish it (as `promote` and `record` do).
 */
function nextSteps(r: ReleaseResult, git: string): string[] {
  const made = r.iterations.filter((i) => i.decision === 'accept');
  const last = made[made.length - 1];
  if (!last) return [`  next: no new version; each iteration's reasons are in its report and in the ledger`];
  return [
    `  next: ${last.to} is on the version line ${r.branch} (tag ${r.agent}@${last.to}); your branch is unchanged. To take it:`,
    `    ${git} diff HEAD ${r.branch} -- ${r.agentPath}   # what changed in the agent`,
    `    ${git} merge ${r.branch}   # take it into your branch (with its releases/ records)`,
    ...(r.remote ? [`    ${git} push --follow-tags ${r.remote} ${r.branch}   # publish the version line and its tags`] : []),
  ];
}
