import { integer, percent, pValue, rate } from './format.js';
import type { IterationOutcome } from './input.js';
import type { FlipRow, Report } from './model.js';

/** Words every format shares, so a PR body, a JUnit viewer and the HTML page say the same thing. */

export const SIMULATED_REPORT_NOTE =
  "Simulated world: these results come from agentdevel's built-in simulated model, not from a real one. They show how the pipeline behaves, not how any real agent performs.";

export const outcomeWords: Record<IterationOutcome, { icon: string; title: string }> = {
  accept: { icon: '✅', title: 'Accept' },
  reject: { icon: '❌', title: 'Reject' },
  inconclusive: { icon: '⚠️', title: 'Inconclusive' },
  'no-candidate': { icon: '➖', title: 'No candidate' },
  pending: { icon: '⏳', title: 'Not gated yet' },
};

/** The first line of every report: the decision and what it is about. */
export function decisionLine(report: Report): string {
  const words = outcomeWords[report.outcome];
  const policy = report.policy === null ? '' : `, gate policy ${report.policy}`;
  return `${words.icon} ${words.title}: agent ${report.agent}, ${subjectWords(report)}${policy}${report.simulated ? ' (simulated world)' : ''}`;
}

export const flipWords = { p2f: 'P→F', f2p: 'F→P' } as const;

/**
 * The Flip column: P→F or F→P for a flip, `flaky` for an example that only seemed to flip (its
 * outcome changed against itself in the reruns), so it cannot be read as a regression or a fix.
 */
export function flipLabel(row: FlipRow): string {
  return row.status === 'flaky' ? 'flaky' : flipWords[row.kind];
}

/** The flip's note: flaky, not confirmed, must-pass. */
export function flipNote(row: FlipRow): string {
  const parts: string[] = [];
  if (row.status === 'flaky') parts.push(`⚠ seemed ${flipWords[row.kind]}, then changed against itself in the reruns: not counted`);
  if (row.status === 'unconfirmed') parts.push('not confirmed');
  if (row.mustPass) parts.push('must-pass');
  return parts.join(', ');
}

/** The flips' heading line. */
export function flipSummary(report: Report): string {
  const c = report.flipCounts;
  const holdout = c.holdoutP2F + c.holdoutF2P > 0 ? `; holdout: ${c.holdoutP2F} P→F, ${c.holdoutF2P} F→P` : '';
  return `${c.p2f} confirmed P→F and ${c.f2p} confirmed F→P on dev${holdout}; ${c.flaky} flaky (not counted); ${c.unconfirmed} not confirmed.`;
}

/** The numbers under the decision line. */
export function statsLine(report: Report): string {
  const s = report.stats;
  if (s === null) return '';
  const p = pValue(s.pValue);
  const rates = (split: 'dev' | 'holdout') => `${split} pass rate ${percent(s.passRate.baseline[split])} → ${percent(s.passRate.rc[split])}`;
  return [`P→F ${integer(s.p2f)}`, `F→P ${integer(s.f2p)}`, `flaky ${integer(s.flaky)}`, `McNemar p ${p.startsWith('<') ? p : `= ${p}`}`, `P→F rate ${percent(s.p2fRate)}`, rates('dev'), rates('holdout')].join(' · ');
}

/** The regressions a promotion ships, in one sentence; '' when it ships none. */
export function acceptedLine(report: Report): string {
  const n = report.acceptedRegressions.length;
  if (n === 0) return '';
  return `Ships ${integer(n)} confirmed regression${n === 1 ? '' : 's'}, accepted because the fixes outweigh ${n === 1 ? 'it' : 'them'} (the next iteration's diagnosis targets ${n === 1 ? 'it' : 'them'}): ${report.acceptedRegressions.join(', ')}`;
}

/** What the decision used of the version line's false-promotion budget, in one sentence; '' outside net-benefit mode. */
export function budgetLine(report: Report): string {
  const b = report.budget;
  if (b === null) return '';
  const fmt = (x: number) => (x === 0 ? '0' : x < 1e-4 ? x.toExponential(2) : String(Number(x.toPrecision(3))));
  const kept = report.decision === 'accept' ? 'a promotion keeps its level' : 'a refusal spends its level';
  return `False-promotion budget of the line: tested at level ${fmt(b.level)} (= ${b.spend} × (α ${b.alpha} − ${fmt(b.spentBefore)} spent)), p = ${fmt(b.pValue)}; ${kept}, so the line has spent ${fmt(b.spentAfter)} of α ${b.alpha}: the chance that any promotion on it was not truly better stays ≤ ${b.alpha}`;
}

/**
 * The example keys to print after a reason, unless its sentence already names them: at most
 * `max`, and how many more the gate counted.
 */
export function reasonExamples(reason: Report['reasons'][number], max: number): { shown: string[]; more: number } | null {
  const first = reason.examples[0];
  if (first === undefined || reason.text.includes(first)) return null;
  const shown = reason.examples.slice(0, max);
  return { shown, more: Math.max(reason.exampleCount, reason.examples.length) - shown.length };
}

export const sideWords = { baseline: 'Baseline', rc: 'Release candidate' } as const;

/** The flips whose evidence a report shows: confirmed and flaky ones that have it, in the report's order (most severe first). */
export function evidenceRows(report: Report): FlipRow[] {
  return report.flips.filter((f) => f.evidence !== null);
}

/** One line naming a flip and how severe it is: `P→F (must-pass) support/refund-1: baseline 3/3, RC 0/3`. */
export function evidenceTitle(f: FlipRow): string {
  const notes = [f.kind === 'p2f' && f.mustPass ? 'must-pass' : '', f.status === 'unconfirmed' ? 'unconfirmed' : ''].filter(Boolean);
  const what = f.status === 'flaky' ? `flaky ${flipWords[f.kind]} (not counted)` : `${flipWords[f.kind]}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
  const split = f.split === 'holdout' ? ', holdout' : '';
  return `${what} ${f.key}${split}: baseline ${rate(f.baseline)}, RC ${rate(f.rc)}`;
}

/** What a report is about: an iteration of the loop, or a check's two versions. */
/** What the report calls the version compared with the baseline: a check's head, else the release candidate. */
export function candidateWords(report: Report): { short: string; long: string } {
  return report.check ? { short: 'Head', long: 'head' } : { short: 'RC', long: 'release candidate' };
}

export function subjectWords(report: Report): string {
  const c = report.check;
  if (c === null) return `iteration ${report.iteration}`;
  const head = c.head.commit === null ? `${c.head.ref} (uncommitted files included)` : `${c.head.ref} (${c.head.commit.slice(0, 12)})`;
  return `check of ${head} against ${c.base.ref} (${c.base.commit.slice(0, 12)})`;
}
