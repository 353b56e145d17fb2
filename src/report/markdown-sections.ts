import { clip, markdownText } from './escape.js';
import { cost, integer, percent, rate, shortCommit } from './format.js';
import { markdownTable } from './markdown-table.js';
import type { Report } from './model.js';
import { acceptedLine, budgetLine, candidateWords, decisionLine, flipLabel, flipNote, flipSummary, reasonExamples, SIMULATED_REPORT_NOTE, statsLine } from './wording.js';

/**
 * The Markdown report's sections. Each renders at a detail `level` (0 = full); a higher level
 * shows less, and the last level leaves a one-line note, so the whole can be made to fit.
 */
export interface Section {
  name: string;
  levels: number;
  render(report: Report, level: number): string;
}

const EXAMPLES_PER_REASON = 10;

/** Text safe inline; ids that are plain words go in a code span (run ids, commits). */
function code(text: string): string {
  return /^[\w.@/:+-]{1,200}$/.test(text) ? `\`${text}\`` : markdownText(text);
}

function list(items: readonly string[], max: number): string {
  const shown = items.slice(0, max).map((i) => markdownText(i, 120));
  const more = items.length - shown.length;
  return more > 0 ? `${shown.join(', ')} … and ${integer(more)} more` : shown.join(', ');
}

export const header: Section = {
  name: 'decision',
  levels: 1,
  render(r) {
    const out = [`## ${markdownText(decisionLine(r), 400)}`, ''];
    if (r.stats) out.push(statsLine(r), '');
    // The rules that decided come first.
    const reasons = [...r.reasons].sort((a, b) => Number(a.passed) - Number(b.passed));
    for (const reason of reasons) {
      const listed = reasonExamples(reason, EXAMPLES_PER_REASON);
      const examples = listed ? ` (${listed.shown.map((e) => markdownText(e, 120)).join(', ')}${listed.more > 0 ? ` … and ${integer(listed.more)} more` : ''})` : '';
      out.push(`- ${reason.passed ? '✔' : '✘'} ${markdownText(reason.text, 400)}${examples}`);
    }
    const accepted = acceptedLine(r);
    if (accepted) out.push(`- ⚠ ${markdownText(accepted, 2000)}`);
    const budget = budgetLine(r);
    if (budget) out.push(`- ${markdownText(budget, 600)}`);
    if (r.outcome === 'no-candidate') out.push(`- This iteration ended with no release candidate${r.noCandidateReason ? ` (${markdownText(r.noCandidateReason, 400)})` : ''}: nothing was gated.`);
    if (r.outcome === 'pending') out.push('- The release candidate has not been gated yet.');
    if (r.simulated) out.push('', `> **${SIMULATED_REPORT_NOTE}**`);
    if (r.missing.length > 0) {
      out.push('', '> Not available in this iteration:');
      for (const m of r.missing) out.push(`> - ${markdownText(m.file, 120)}: ${markdownText(m.meaning, 300)}`);
    }
    return out.join('\n');
  },
};

const FLIP_ROWS = [100, 50, 20, 5];

export function flipsSection(maxRows: number): Section {
  const steps = [maxRows, ...FLIP_ROWS.filter((n) => n < maxRows)];
  return {
    name: 'flips',
    levels: steps.length,
    render(r, level) {
      if (r.stats === null) return '';
      const head = `### Flips\n\n${flipSummary(r)}`;
      if (r.flips.length === 0) return `${head}\n\nNo example changed between the baseline and the ${candidateWords(r).long}.`;
      const table = markdownTable(
        [
          { header: 'Flip', cell: flipLabel },
          { header: 'Example', cell: (f) => f.exampleId, max: 80 },
          { header: 'Suite', cell: (f) => f.suite, max: 40 },
          { header: 'Split', cell: (f) => f.split },
          { header: 'Baseline', cell: (f) => rate(f.baseline), align: 'right' },
          { header: candidateWords(r).short, cell: (f) => rate(f.rc), align: 'right' },
          { header: 'Symptoms (baseline)', cell: (f) => f.labels.join(', '), max: 80 },
          { header: 'Note', cell: flipNote },
        ],
        r.flips,
        steps[level] ?? 0,
      );
      return `${head}\n\n${table}`;
    },
  };
}

const SYMPTOM_ROWS = [30, 10, 3, 0];

export const symptomsSection: Section = {
  name: 'symptoms',
  levels: SYMPTOM_ROWS.length,
  render(r, level) {
    const d = r.diagnosis;
    if (d === null) return '';
    const rows = SYMPTOM_ROWS[level] ?? 0;
    const target = d.target.status === 'targeted' ? `Targeted: ${d.target.targets.map((t) => markdownText(t, 80)).join(', ')}. ${markdownText(d.target.reason, 300)}` : `No actionable symptom: ${markdownText(d.target.reason, 300)}`;
    const out = [`### Symptoms in the baseline\n\n${integer(d.failingRecords)} failing dev records. ${target}`];
    if (d.symptoms.length > 0 && rows > 0) {
      const targets = new Set(d.target.targets);
      out.push(
        markdownTable(
          [
            { header: 'Symptom', cell: (s) => `${s.label}${targets.has(s.label) ? ' (target)' : ''}`, max: 60 },
            { header: 'Failing records', cell: (s) => integer(s.records), align: 'right' },
            { header: 'Share of failures', cell: (s) => percent(s.shareOfFailures), align: 'right' },
            { header: 'Examples', cell: (s) => integer(s.examples), align: 'right' },
            { header: 'Expected gain', cell: (s) => String(s.expectedGain), align: 'right' },
            { header: 'Meaning', cell: (s) => s.description ?? '', max: 100 },
          ],
          d.symptoms,
          rows,
        ),
      );
    } else if (d.symptoms.length > 0) {
      out.push(`_The symptom table (${integer(d.symptoms.length)} labels) is left out to fit the size limit; see diagnosis.json._`);
    }
    return out.join('\n\n');
  },
};

const FIXES_SHOWN = [50, 10, 0];

export const intentSection: Section = {
  name: 'intent',
  levels: FIXES_SHOWN.length,
  render(r, level) {
    const i = r.intent;
    if (i === null) return '';
    const fixes = i.expectedFixes.length === 0 ? '(none named)' : (FIXES_SHOWN[level] ?? 0) === 0 ? `${integer(i.expectedFixes.length)} examples (list left out to fit)` : list(i.expectedFixes, FIXES_SHOWN[level] ?? 0);
    return [`### Intent`, '', markdownText(i.summary, 1000), '', `- Targets: ${list(i.targets, 20) || '(none)'}`, `- Expected fixes: ${fixes}`].join('\n');
  },
};

export const usageSection: Section = {
  name: 'usage',
  levels: 1,
  render(r) {
    if (r.usage.length === 0) return '';
    const total = r.usage.reduce(
      (t, u) => ({ role: 'total', calls: t.calls + u.calls, cacheHits: t.cacheHits + u.cacheHits, promptTokens: t.promptTokens + u.promptTokens, completionTokens: t.completionTokens + u.completionTokens, cost: t.cost === null || u.cost === null ? null : t.cost + u.cost }),
      { role: 'total', calls: 0, cacheHits: 0, promptTokens: 0, completionTokens: 0, cost: 0 as number | null },
    );
    const table = markdownTable(
      [
        { header: 'Role', cell: (u) => u.role },
        { header: 'Calls', cell: (u) => integer(u.calls), align: 'right' },
        { header: 'Cache hits', cell: (u) => integer(u.cacheHits), align: 'right' },
        { header: 'Prompt tokens', cell: (u) => integer(u.promptTokens), align: 'right' },
        { header: 'Completion tokens', cell: (u) => integer(u.completionTokens), align: 'right' },
        { header: 'Cost', cell: (u) => cost(u.cost), align: 'right' },
      ],
      [...r.usage, total],
      r.usage.length + 1,
    );
    return `### Usage and cost\n\n${table}`;
  },
};

export const runsSection: Section = {
  name: 'runs',
  levels: 1,
  render(r) {
    const item = (label: string, value: string | null) => `- ${label}: ${value === null ? '—' : code(value)}`;
    const rc = r.check ? 'head' : 'RC';
    const out = ['### Runs and commits', '', item('baseline run', r.runs.baseline), item(`${rc} run`, r.runs.rc)];
    if (r.runs.confirmation.length > 0) out.push(`- confirmation runs: ${r.runs.confirmation.slice(0, 10).map(code).join(', ')}${r.runs.confirmation.length > 10 ? ` … and ${r.runs.confirmation.length - 10} more` : ''}`);
    out.push(item('baseline commit', r.commits.baseline === null ? null : shortCommit(r.commits.baseline)), item(`${rc} commit`, r.commits.rc === null ? (r.check ? 'working tree' : null) : shortCommit(r.commits.rc)));
    if (!r.check) out.push(item('RC branch', r.commits.rcBranch));
    if (r.generatedAt) out.push('', `<sub>agentdevel report, schema ${r.schemaVersion}, generated ${markdownText(clip(r.generatedAt, 40))}</sub>`);
    return out.join('\n');
  },
};
