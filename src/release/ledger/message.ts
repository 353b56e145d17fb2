import type { LedgerEntry } from '../../core/ledger.js';

const SIMULATED_NOTE = 'The evidence comes from the simulated world (agentdevel serve --sim), not a real model.';

/**
 * The record commit's message: a subject saying what happened to the line, a paragraph a
 * reviewer can read, and the facts as trailers (`git interpret-trailers --parse` reads them;
 * `git log --format=%(trailers:key=Agentdevel-Decision)` queries them).
 */
export function recordMessage(entry: LedgerEntry): string {
  const flips = entry.gate ? ` (P2F ${entry.gate.p2f}, F2P ${entry.gate.f2p})` : '';
  const kept = `v${entry.parent.version} kept`;
  const subject =
    entry.decision === 'accept'
      ? `${entry.agent} v${entry.version}: accept iteration ${entry.iteration}${flips}`
      : entry.decision === 'no-candidate'
        ? `${entry.agent} iteration ${entry.iteration}: no candidate, ${kept}`
        : `${entry.agent} iteration ${entry.iteration}: ${entry.decision}, ${kept}${flips}`;
  const paragraphs = [subject, summary(entry), `Audit report: ${entry.report}`];
  if (entry.simulated) paragraphs.push(SIMULATED_NOTE);
  paragraphs.push(trailers(entry).join('\n'));
  return `${paragraphs.join('\n\n')}\n`;
}

/** The annotated tag's message for a new version. */
export function tagMessage(entry: LedgerEntry): string {
  const lines = [`${entry.agent} v${entry.version}`, '', summary(entry), '', `Audit report: ${entry.report}`];
  if (entry.simulated) lines.push('', SIMULATED_NOTE);
  return `${lines.join('\n')}\n`;
}

function summary(entry: LedgerEntry): string {
  const origin = entry.origin ? `, a change made by hand and gated by check ${entry.origin.id} (${entry.origin.head.ref} against ${entry.origin.base.ref}),` : '';
  const rc = entry.rc ? `The release candidate ${entry.rc.branch} (${entry.rc.commit.slice(0, 12)})${origin}` : 'No release candidate';
  if (!entry.gate) return `${rc} was made in iteration ${entry.iteration}${entry.reason ? `: ${oneLine(entry.reason)}` : ''}. The line stays at ${entry.parent.tag}.`;
  const g = entry.gate;
  const verdict = entry.decision === 'accept' ? `was accepted by the gate` : entry.decision === 'reject' ? 'was rejected by the gate' : 'was left inconclusive by the gate';
  const measured = `P→F ${g.p2f}, F→P ${g.f2p}, flaky ${g.flaky}, McNemar p = ${g.pValue === null ? 'n/a' : formatP(g.pValue)}`;
  const failed = g.reasons.filter((r) => !r.passed).map((r) => r.rule);
  const why = failed.length > 0 ? ` Rules not met: ${failed.join(', ')}.` : '';
  const accepted = g.acceptedRegressions ?? [];
  const known = accepted.length > 0 ? ` It ships ${accepted.length} confirmed regression(s), accepted because its fixes outweigh them: ${accepted.join(', ')}.` : '';
  const budget = g.budget ? ` False-promotion budget: tested at level ${formatP(g.budget.level)} (net-benefit p = ${formatP(g.budget.pValue)}); the line has spent ${formatP(g.budget.spentAfter)} of α = ${g.budget.alpha}.` : '';
  const after = entry.decision === 'accept' ? `It becomes ${entry.tag}, after ${entry.parent.tag}.` : `The line stays at ${entry.parent.tag}; the candidate's branch is kept for audit.`;
  return `${rc} of iteration ${entry.iteration} ${verdict}${g.policy ? ` "${g.policy}"` : ''}: ${measured}.${why}${known}${budget} ${after}`;
}

function trailers(entry: LedgerEntry): string[] {
  const list: Array<[string, string | number | null | undefined]> = [
    ['Agent', entry.agent],
    ['Iteration', entry.iteration],
    ['Decision', entry.decision],
    ['Version', entry.version],
    ['Parent-Version', entry.parent.version],
    ['P2F', entry.gate?.p2f],
    ['F2P', entry.gate?.f2p],
    ['Flaky', entry.gate?.flaky],
    ['P-Value', entry.gate?.pValue === null || entry.gate === null ? undefined : formatP(entry.gate.pValue)],
    ['Gate-Policy', entry.gate?.policy],
    ['Accepted-Regressions', entry.gate?.acceptedRegressions?.length ? entry.gate.acceptedRegressions.join(', ') : entry.decision === 'accept' && entry.gate?.acceptedRegressions ? 'none' : undefined],
    ['Budget-Level', entry.gate?.budget ? formatP(entry.gate.budget.level) : undefined],
    ['Budget-Spent', entry.gate?.budget ? `${formatP(entry.gate.budget.spentAfter)} of ${entry.gate.budget.alpha}` : undefined],
    ['Baseline-Run', entry.runs.baseline],
    ['Candidate-Run', entry.runs.candidate],
    ['RC', entry.rc?.commit],
    // A person's change, gated by `agentdevel check` (promote --from-check).
    ['Check', entry.origin?.id],
    ['Simulated', String(entry.simulated)],
  ];
  return list.filter(([, value]) => value !== undefined && value !== null && value !== '').map(([key, value]) => `Agentdevel-${key}: ${oneLine(String(value))}`);
}

function formatP(p: number): string {
  return p === 0 ? '0' : p >= 0.001 ? String(Number(p.toPrecision(3))) : p.toExponential(2);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
