import { markdownCell, markdownText } from '../report/index.js';
import { GOOD_EPSILON } from './account.js';
import { SIMULATED_STUDY_NOTE, type StudyDocument } from './document.js';
import { estimateText, noiseText } from './format.js';
import { METRICS } from './summary.js';

/** The study as Markdown: what was run, the world's parameters, a table per noise level, the definitions. */
export function renderStudyMarkdown(doc: StudyDocument): string {
  const out: string[] = ['# Does gating help? Gate policies against ground truth', '', `> **Simulated.** ${SIMULATED_STUDY_NOTE}`, ''];
  out.push(...setupLines(doc, (text) => markdownText(text, 200)), '');
  for (const start of doc.starts) {
    out.push(`## ${markdownText(noiseText(start.noise))}`, '');
    out.push(`Where every line started (the unchanged agent): true dev ${estimateText(start.trueDev, 'rate')}, true holdout ${estimateText(start.trueHoldout, 'rate')}.`, '');
    out.push(`| policy | ${METRICS.map((m) => m.short).join(' | ')} |`, `|---|${METRICS.map(() => '---:').join('|')}|`);
    for (const row of doc.summary.filter((r) => r.level === start.level)) {
      out.push(`| ${markdownCell(row.policy)} | ${METRICS.map((m) => estimateText(row.metrics[m.key], m.kind)).join(' | ')} |`);
    }
    out.push('', `Why, summed over the ${doc.lines} lines: the gate rules that refused candidates, and what caused the true regressions (a re-roll of the example by the new prompt, an over-broad rule, other).`, '');
    out.push('| policy | candidates | promoted | refused | refused by (rule: candidates) | regressions shipped (re-roll / broad / other) | regressions in refused good candidates (re-roll / broad / other) |', '|---|---:|---:|---:|---|---:|---:|');
    for (const row of doc.why.filter((r) => r.level === start.level)) {
      out.push(`| ${markdownCell(row.policy)} | ${row.candidates} | ${row.promotions} | ${row.refused} | ${markdownCell(refusedText(row.refusedBy), 400)} | ${causesText(row.shippedCauses)} | ${causesText(row.refusedGoodCauses)} |`);
    }
    out.push('');
  }
  out.push('## What the columns mean', '', ...definitions().map((d) => `- ${d}`), '', `Reproduce: \`${doc.command}\``, '');
  return out.join('\n');
}

export function refusedText(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return entries.length === 0 ? '—' : entries.map(([rule, n]) => `${rule}: ${n}`).join(', ');
}

export function causesText(c: Record<'reroll' | 'broad' | 'other', number>): string {
  return `${c.reroll} / ${c.broad} / ${c.other}`;
}

/** The run's setting in sentences, shared by the Markdown and HTML pages; `esc` escapes the values that come from files. */
export function setupLines(doc: StudyDocument, esc: (text: string) => string): string[] {
  const suites = doc.suites.map((s) => `${esc(s.name)} (${s.examples} annotated examples: ${s.dev} dev, ${s.holdout} holdout)`).join(', ');
  const { centre, ...world } = doc.world;
  const params = Object.entries(world).map(([k, v]) => `${k} ${v}`).join(', ');
  const levels = `${doc.levels.length} level${doc.levels.length === 1 ? '' : 's'}`;
  return [
    `Agent ${esc(doc.agent)} on ${suites}. ${doc.lines} independent release lines × ${doc.iterations} iterations per noise level and policy; line i uses seed ${doc.seed} + i as the world's seed and the runs' seed. While two policies hold the same version they see the same baseline run, critiques, candidate and candidate run (computed once; each policy is charged its full model use).`,
    `World parameters: ${params}; noise ${doc.design === 'grid' ? 'on the full grid of' : 'one factor at a time around'} flaky share ${centre.flakyShare}, re-roll rate ${centre.rerollRate}: ${levels}.`,
    `Policies: ${doc.policies.map((p) => policyText(p, esc)).join('; ')}.`,
    `Each cell: mean over lines [95% Student-t interval, clipped to the measure's range]; — where no line has a value. Run ${doc.createdAt} (study ${doc.id}).`,
  ];
}

function policyText(p: StudyDocument['policies'][number], esc: (text: string) => string): string {
  const name = esc(p.name);
  if (p.mode === 'always') return `${name} (no gate: every candidate promoted)`;
  if (p.mode === 'aggregate') return `${name} (promoted when the dev pass rate rises)`;
  const confirm = p.confirmRuns === 0 ? 'no confirmation reruns' : `up to ${p.confirmRuns} sequential confirmation reruns`;
  const engineer = p.history === false ? '; the engineer is shown no refused candidates' : '';
  if (p.mode === 'net-benefit') return `${name} (net-benefit flip gate, ${confirm}, fixes must outweigh regressions with evidence at a level from a line-wide false-promotion budget α ${p.netBenefit.alpha}, spend ${p.netBenefit.spend}, margin ${p.netBenefit.margin}, holdout drop ≤ ${p.holdout.maxDrop}, intent ≥ ${p.minIntentAlignment}${engineer})`;
  return `${name} (flip gate, ${confirm}, P→F rate ≤ ${p.maxP2FRate}, McNemar α ${p.mcnemar.alpha} ${p.mcnemar.require}, holdout drop ≤ ${p.holdout.maxDrop}, intent ≥ ${p.minIntentAlignment}${engineer})`;
}

export function definitions(): string[] {
  return [
    "true pass rate: the world's pass probability of each annotated example under the final version's prompt (world.truth), averaged over the split; observed: a fresh run of the final version (1 sample per example).",
    'regressions shipped: over every promotion, the examples (dev and holdout) whose true pass probability under the promoted version is lower than under its parent, summed per line.',
    'bad releases: promotions whose true holdout pass rate is lower than their parent\'s; lines w/ bad release: the share of lines with at least one (what a line-wide error bound speaks of).',
    'named regressions: the confirmed P→F a promotion let through, named in its ledger line, report and trailers; unnamed shipped: ground-truth regressions of promotions that no ledger line names (a regression no run observed, e.g. of a flaky example).',
    'policy/no-history: the same gate with an engineer that is shown none of the line\'s refused candidates, so the gain from the history is measured, not assumed.',
    `good rejected: rejected or inconclusive candidates whose true pass rate over dev and holdout beats their parent's by more than ${GOOD_EPSILON} (one point); clean: those that also broke no example.`,
    'obs. P→F rate: over a line\'s promotions, examples that passed in the baseline\'s paired run and failed in the candidate\'s (first samples, both splits), over the baseline\'s passes; lines without a promotion have none.',
    'calls, tokens: fresh model calls (agent, critic, engineer, confirmation reruns) and their tokens over the line\'s iterations, as the policy alone would spend them.',
    'Ground truth is read only by this accounting, after the fact; the pipeline never sees it.',
  ];
}
