import { capped, fenced, inlineCounts, one, quote, table } from './markdown.js';
import { percent } from './target.js';
import type { Diagnosis, SymptomPatterns } from './types.js';
import { specUserScripts } from './spec-user-scripts.js';

/** The value of a header line that has nothing to say (no label or tool can be spelled so). */
export const NONE = '(none)';
const LIST_LIMIT = 40;

export const SIMULATED_SPEC_NOTE = 'Results come from the simulated world (agentdevel\'s offline stand-in for a model), not from a real model.';

/**
 * The engineering specification: what to fix and why, the evidence, the examples expected to
 * flip to pass, and what must not change. It opens with a fixed `Key: value` block. Built only
 * from the diagnosis (records and critiques of the dev split): no blueprint text, no holdout.
 */
export function renderSpec(d: Diagnosis): string {
  const sections = [header(d), knownRegressions(d), why(d), evidence(d), flips(d), guard(d), otherSymptoms(d), candidates(d), fragile(d), specUserScripts(d.userScripts), inputs(d)];
  return `${sections.filter((s) => s !== '').join('\n\n')}\n`;
}

/** Regressions earlier promotions shipped knowingly: first-class work for this iteration. */
function knownRegressions(d: Diagnosis): string {
  const known = d.knownRegressions ?? [];
  if (known.length === 0) return '';
  const open = known.filter((k) => k.status !== 'passing');
  const lines = [
    '## Known regressions',
    '',
    `Earlier promotions of this line shipped ${count(known.length, 'regression')} knowingly (their fixes outweighed them; each is named in the ledger). ${open.length === 0 ? 'All pass again in this run.' : `${count(open.length, 'example')} still fail${open.length === 1 ? 's' : ''} here: win ${open.length === 1 ? 'it' : 'them'} back where the change can, and break no other.`}`,
    '',
    ...capped(known, LIST_LIMIT, (k) => `- ${one(k.key)} — accepted in iteration ${k.acceptedIn}; ${k.status}${k.labels.length > 0 ? `; symptoms: ${k.labels.map(one).join(', ')}` : ''}`),
  ];
  return lines.join('\n');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function patternsOf(d: Diagnosis, label: string): SymptomPatterns | undefined {
  return d.patterns.find((p) => p.label === label);
}

/**
 * The fixed header block, read by machines (the engineer model, the simulated engineer) as
 * `Key: value` lines: Agent, Iteration, Runs, Status; per target, in rank order, Target,
 * Triggering tool (called at the symptom's step), Mentioned tool (named by the critic),
 * Feedback tool (named by the scorer), Triggering tag; then Expected gain, Expected flips,
 * Regression guard, World. No other line of the spec starts with one of these keys.
 */
function header(d: Diagnosis): string {
  const lines = [
    `Agent: ${one(d.input.agent ?? NONE)}`,
    `Iteration: ${d.input.iteration ?? NONE}`,
    `Runs: ${d.input.runIds.join(', ') || NONE}`,
    `Status: ${d.target.status}`,
  ];
  if (d.target.targets.length === 0) {
    lines.push(`Target: ${NONE}`, `Triggering tool: ${NONE}`, `Mentioned tool: ${NONE}`, `Feedback tool: ${NONE}`, `Triggering tag: ${NONE}`);
  }
  for (const label of d.target.targets) {
    const p = patternsOf(d, label);
    lines.push(
      `Target: ${one(label)}`,
      `Triggering tool: ${one(p?.triggeringTool ?? NONE)}`,
      `Mentioned tool: ${one(p?.triggeringMentionedTool ?? NONE)}`,
      `Feedback tool: ${one(p?.triggeringFeedbackTool ?? NONE)}`,
      `Triggering tag: ${one(p?.triggeringTag ?? NONE)}`,
    );
  }
  const gain = d.target.status === 'targeted' ? (d.target.ranking[0]?.expectedGain ?? 0) : 0;
  lines.push(`Expected gain: ${gain}`, `Expected flips: ${d.expectedFlips.length}`, `Regression guard: ${d.regressionGuard.examples}`, `World: ${d.input.simulated ? 'simulated' : 'real'}`);
  const intro =
    'The engineering specification for the next release candidate: the symptom to fix and why, the evidence from the failing dev records, the examples expected to flip to pass, and the regression guard. Holdout records are never diagnosed.';
  return ['# Engineering specification', fenced(lines.join('\n')), d.input.simulated ? `${intro}\n\n${SIMULATED_SPEC_NOTE}` : intro].join('\n\n');
}

function why(d: Diagnosis): string {
  const { target } = d;
  const lines = ['## Why this target', ''];
  if (target.status === 'no-actionable-symptom') {
    lines.push(`No actionable symptom: ${target.reason}.`, '', `A symptom is actionable with at least ${target.minimum.examples} affected examples and ${percent(target.minimum.shareOfFailures)} of the failing dev records.`);
    return lines.join('\n');
  }
  lines.push(`${target.reason}.`, '');
  for (const label of target.targets) {
    const frequency = d.symptoms.find((s) => s.label === label);
    const meaning = d.taxonomy.find((t) => t.label === label)?.description;
    if (frequency) lines.push(`- **${label}**${meaning ? ` (${meaning.replace(/\.$/, '')})` : ''}: ${frequency.records} failing records, ${frequency.examples} examples, ${percent(frequency.shareOfFailures)} of failures`);
  }
  lines.push('', `Expected gain is the sum over affected examples of (failing repeats carrying the label / measured repeats): the pass rate, in examples, that fixing every such failure would recover. Actionable: at least ${target.minimum.examples} examples and ${percent(target.minimum.shareOfFailures)} of failures. Ranking:`, '');
  lines.push(table(['rank', 'symptom', 'expected gain', 'examples', 'failing records', 'share of failures'], target.ranking.slice(0, 10).map((r, i) => [i + 1, r.label, r.expectedGain, r.examples, r.records, percent(r.shareOfFailures)])));
  return lines.join('\n');
}

function evidence(d: Diagnosis): string {
  const p = d.population;
  const lines = ['## Evidence', ''];
  lines.push(
    `${p.records} dev records (${p.pass} pass, ${p.fail} fail, ${p.error} infrastructure errors) on ${p.examples} examples; ${d.input.holdoutExcluded} holdout records excluded. ` +
      `Failing records: ${p.failures.labelled} labelled, ${p.failures.unlabelled} unlabelled, ${p.failures.uncritiqued} not critiqued.`,
  );
  if (d.symptoms.length > 0) {
    lines.push('', '### Symptoms on failing dev records', '');
    lines.push(
      table(
        ['symptom', 'failing records', 'share of failures', 'examples', 'expected gain', 'fragile passes', 'unverified evidence'],
        d.symptoms.map((s) => [s.label, s.records, percent(s.shareOfFailures), s.examples, s.expectedGain, s.passRecords, s.unverifiedEvidence]),
      ),
    );
  }
  for (const label of d.target.targets) {
    lines.push('', ...targetPatterns(d, label), '', ...targetExemplars(d, label));
  }
  const pairs = d.coOccurrence.filter((c) => d.target.targets.length === 0 || d.target.targets.includes(c.a) || d.target.targets.includes(c.b));
  if (pairs.length > 0) {
    lines.push('', '### Co-occurring symptoms', '');
    lines.push(...capped(pairs, 10, (c) => `- ${c.a} + ${c.b}: ${count(c.records, 'failing record')} (${percent(c.shareOfA)} of ${c.a}, ${percent(c.shareOfB)} of ${c.b})`));
  }
  return lines.join('\n');
}

function targetPatterns(d: Diagnosis, label: string): string[] {
  const p = patternsOf(d, label);
  if (!p) return [];
  const tags = p.tags.slice(0, 6).map((t) => `${one(t.name)}: ${t.count} (lift ${t.lift})`);
  return [
    `### Triggering patterns of ${label}`,
    '',
    `- tools called at or nearest the symptom's step: ${inlineCounts(p.tools)}`,
    `- tools the critic names: ${inlineCounts(p.mentionedTools)}`,
    `- tools the scorer's feedback names: ${inlineCounts(p.feedbackTools)}`,
    `- steps: ${inlineCounts(p.steps, 8, 'step ')}; position in the episode: ${inlineCounts(p.positions)}`,
    `- example tags: ${tags.length > 0 ? tags.join(', ') : NONE}`,
    `- suites: ${inlineCounts(p.suites)}`,
  ];
}

function targetExemplars(d: Diagnosis, label: string): string[] {
  const found = d.exemplars.find((e) => e.label === label);
  if (!found || found.exemplars.length === 0) return [];
  const lines = [`### Exemplars of ${label} (the shortest failing traces)`];
  for (const e of found.exemplars) {
    lines.push('', `#### ${one(e.key)} (${e.length} characters)`, '');
    for (const s of e.symptoms) lines.push(`- critic${s.step === null ? '' : ` (step ${s.step})`}: ${quote(s.description)} — evidence: “${quote(s.evidence)}”`);
    lines.push('', fenced(e.trace));
  }
  return lines;
}

function flips(d: Diagnosis): string {
  if (d.target.status !== 'targeted') return '';
  const lines = ['## Examples expected to flip to pass', '', `${count(d.expectedFlips.length, 'example')} whose failures carry the target:`, ''];
  lines.push(...capped(d.expectedFlips, LIST_LIMIT, (f) => `- ${one(f.key)}: ${f.withTarget} of ${f.failing} failing repeats carry ${f.labels.join(', ')} (pass rate ${f.passRate} over ${f.measured})`));
  return lines.join('\n');
}

function guard(d: Diagnosis): string {
  const g = d.regressionGuard;
  const lines = ['## Regression guard: must keep passing', '', `${count(g.examples, 'example')} pass today (${g.rule}). The change must not turn any of them into a fail.`];
  const marked = g.list.filter((e) => e.mustPass || e.fragile);
  const plain = g.list.filter((e) => !e.mustPass && !e.fragile);
  if (marked.length > 0) {
    lines.push('', 'Marked (must-pass by the suite, or passing but flagged fragile by the critic):', '');
    lines.push(...capped(marked, LIST_LIMIT, (e) => `- ${one(e.key)}${e.mustPass ? ' — must-pass' : ''}${e.fragile ? ' — fragile' : ''}`));
  }
  if (plain.length > 0) {
    lines.push('', marked.length > 0 ? 'The others:' : 'The examples:', '');
    lines.push(...capped(plain, LIST_LIMIT, (e) => `- ${one(e.key)} (${e.passes}/${e.measured})`));
  }
  if (g.mustPassNotPassing.length > 0) lines.push('', `Must-pass examples that do not pass today: ${g.mustPassNotPassing.map(one).join(', ')}.`);
  return lines.join('\n');
}

function otherSymptoms(d: Diagnosis): string {
  const others = d.symptoms.filter((s) => !d.target.targets.includes(s.label) && s.records > 0);
  if (others.length === 0) return '';
  const lines = ['## Other symptoms (not targeted now)', ''];
  for (const s of others) {
    const p = patternsOf(d, s.label);
    lines.push(`- ${s.label}: ${count(s.records, 'failing record')} on ${count(s.examples, 'example')}; tool ${one(p?.triggeringTool ?? NONE)}; tag ${one(p?.triggeringTag ?? NONE)}`);
  }
  return lines.join('\n');
}

function candidates(d: Diagnosis): string {
  if (d.candidateClasses.length === 0) return '';
  const lines = ['## Candidate new classes', '', 'Symptoms the critic placed outside the taxonomy (`other`), by the name it proposed. Recurring ones may deserve a label under `critic.labels`.', ''];
  lines.push(...capped(d.candidateClasses, 20, (c) => `- ${c.name}: ${count(c.records, 'record')} (${c.failingRecords} failing) on ${count(c.examples, 'example')} — “${quote(c.description, 200)}”`));
  return lines.join('\n');
}

function fragile(d: Diagnosis): string {
  const f = d.fragilePasses;
  if (f.records === 0) return '';
  const lines = ['## Fragile passes', '', `${f.records} passing records on ${f.examples} examples were flagged by the critic: ${inlineCounts(f.byLabel)}.`, ''];
  lines.push(...capped(f.list, 20, (p) => `- ${one(p.key)}${p.labels.length > 0 ? `: ${p.labels.join(', ')}` : ''}`));
  return lines.join('\n');
}

function inputs(d: Diagnosis): string {
  const i = d.input;
  const ignored = i.critiquesIgnored;
  return [
    '## Inputs',
    '',
    `- records: ${i.records} (${i.devRecords} dev, ${i.holdoutExcluded} holdout excluded) from runs ${i.runIds.join(', ') || NONE}`,
    `- critiques: ${i.critiques} (${i.critiquesUsed} used; ignored: ${ignored.holdout} of holdout records, ${ignored.noRecord} without a record, ${ignored.duplicate} duplicates, ${ignored.stale} stale); taxonomy versions ${i.taxonomyVersions.join(', ') || NONE}`,
    `- built-in scripts: ${d.scripts.map((s) => `${s.name}@${s.version}`).join(', ')}`,
    `- diagnosis.json schema version ${d.schemaVersion}`,
  ].join('\n');
}
