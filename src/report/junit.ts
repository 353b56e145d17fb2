import { xmlAttr, xmlText } from './escape.js';
import { rate } from './format.js';
import type { EvidenceInput } from './input.js';
import type { ExampleRow, Report } from './model.js';
import { decisionLine, reasonExamples, SIMULATED_REPORT_NOTE } from './wording.js';

/**
 * The gate as JUnit XML, the format every CI system shows: one testsuite per suite with one
 * testcase per example, and a testsuite `agentdevel gate` with one testcase for the decision.
 *
 * An example's test is "no regression": a confirmed P→F is a `failure`; a flaky example is
 * `skipped` with the reason (CI viewers list skipped tests with their message); an example with
 * no measured repeat on a side is an `error` (infrastructure); everything else passes, with what
 * happened in `system-out`. The decision's testcase fails on reject, errors on inconclusive and
 * is skipped when nothing was gated.
 */
export function renderJunit(report: Report): string {
  const bySuite = new Map<string, ExampleRow[]>();
  for (const e of report.examples) {
    const list = bySuite.get(e.suite);
    if (list) list.push(e);
    else bySuite.set(e.suite, [e]);
  }
  // The run's facts once, on the gate's testsuite.
  const properties = suiteProperties(report);
  const suites: string[] = [];
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const add = (name: string, cases: Array<{ xml: string; outcome: CaseOutcome }>, props = '') => {
    const count = { tests: cases.length, failures: 0, errors: 0, skipped: 0 };
    for (const c of cases) if (c.outcome !== 'pass') count[c.outcome === 'failure' ? 'failures' : c.outcome === 'error' ? 'errors' : 'skipped']++;
    for (const k of Object.keys(totals) as Array<keyof typeof totals>) totals[k] += count[k];
    suites.push(
      `  <testsuite name="${xmlAttr(name)}" tests="${count.tests}" failures="${count.failures}" errors="${count.errors}" skipped="${count.skipped}">\n${props}${cases.map((c) => c.xml).join('')}  </testsuite>\n`,
    );
  };
  add('agentdevel gate', [gateCase(report)], properties);
  for (const [suite, examples] of bySuite) add(suite, examples.map((e) => exampleCase(report, e)));
  const name = report.check ? `agentdevel ${report.agent} check` : `agentdevel ${report.agent} iteration ${report.iteration}`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="${xmlAttr(name)}" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}">\n` +
    suites.join('') +
    `</testsuites>\n`
  );
}

type CaseOutcome = 'pass' | 'failure' | 'error' | 'skipped';

function suiteProperties(r: Report): string {
  const props: Array<[string, string]> = [
    ['agentdevel.agent', r.agent],
    ['agentdevel.iteration', String(r.iteration)],
    ['agentdevel.outcome', r.outcome],
    ['agentdevel.policy', r.policy ?? ''],
    ['agentdevel.simulated', String(r.simulated)],
    ['agentdevel.baselineRun', r.runs.baseline ?? ''],
    ['agentdevel.rcRun', r.runs.rc ?? ''],
    ['agentdevel.rcCommit', r.commits.rc ?? ''],
  ];
  if (r.stats) props.push(['agentdevel.p2f', String(r.stats.p2f)], ['agentdevel.f2p', String(r.stats.f2p)], ['agentdevel.flaky', String(r.stats.flaky)], ['agentdevel.pValue', r.stats.pValue === null ? '' : String(r.stats.pValue)]);
  if (r.simulated) props.push(['agentdevel.note', SIMULATED_REPORT_NOTE]);
  return `    <properties>\n${props.map(([n, v]) => `      <property name="${xmlAttr(n)}" value="${xmlAttr(v)}"/>\n`).join('')}    </properties>\n`;
}

function testcase(classname: string, name: string, body: string): string {
  return `    <testcase classname="${xmlAttr(classname)}" name="${xmlAttr(name)}">\n${body}    </testcase>\n`;
}

const out = (text: string) => `      <system-out>${xmlText(text)}</system-out>\n`;

function gateCase(r: Report): { xml: string; outcome: CaseOutcome } {
  const lines = [decisionLine(r)];
  for (const x of r.reasons) {
    const listed = reasonExamples(x, 20);
    lines.push(`${x.passed ? 'ok' : 'FAILED'}: ${x.text}${listed ? ` (${listed.shown.join(', ')}${listed.more > 0 ? ` and ${listed.more} more` : ''})` : ''}`);
  }
  for (const m of r.missing) lines.push(`not available: ${m.file}: ${m.meaning}`);
  if (r.simulated) lines.push(SIMULATED_REPORT_NOTE);
  const text = lines.join('\n');
  const failed = r.reasons.filter((x) => !x.passed).map((x) => x.text).join('; ');
  const classname = `agentdevel.${r.agent}`;
  switch (r.outcome) {
    case 'accept':
      return { xml: testcase(classname, 'gate decision', out(text)), outcome: 'pass' };
    case 'reject':
      return { xml: testcase(classname, 'gate decision', `      <failure type="reject" message="${xmlAttr(`rejected: ${failed || 'see the reasons'}`)}">${xmlText(text)}</failure>\n`), outcome: 'failure' };
    case 'inconclusive':
      return { xml: testcase(classname, 'gate decision', `      <error type="inconclusive" message="${xmlAttr(`inconclusive: ${failed || 'see the reasons'}`)}">${xmlText(text)}</error>\n`), outcome: 'error' };
    default: {
      const why = r.outcome === 'no-candidate' ? `no release candidate in this iteration${r.noCandidateReason ? ` (${r.noCandidateReason})` : ''}: nothing was gated` : 'the release candidate has not been gated yet';
      return { xml: testcase(classname, 'gate decision', `      <skipped message="${xmlAttr(why)}"/>\n${out(text)}`), outcome: 'skipped' };
    }
  }
}

function exampleCase(r: Report, e: ExampleRow): { xml: string; outcome: CaseOutcome } {
  const classname = `agentdevel.${r.agent}.${e.suite}`;
  const rates = `baseline ${rate(e.baseline)}, RC ${rate(e.rc)}`;
  const symptoms = e.labels.length > 0 ? `; baseline symptoms: ${e.labels.join(', ')}` : '';
  const details = `${e.key} (${e.split}${e.mustPass ? ', must-pass' : ''}): ${rates}${symptoms}`;
  if (e.flaky) {
    return { xml: testcase(classname, e.exampleId, `      <skipped message="${xmlAttr(`flaky: its outcome changed against itself in the reruns (${rates}); not counted`)}"/>\n${out(details)}`), outcome: 'skipped' };
  }
  if (e.kind === 'p2f' && e.confirmed) {
    const message = `confirmed regression (P→F${e.mustPass ? ', must-pass example' : ''}): ${rates}`;
    const evidence = evidenceText(r.flips.find((f) => f.key === e.key)?.evidence ?? null);
    return { xml: testcase(classname, e.exampleId, `      <failure type="p2f" message="${xmlAttr(message)}">${xmlText(details + evidence)}</failure>\n`), outcome: 'failure' };
  }
  if (e.kind === 'unmeasured') {
    return { xml: testcase(classname, e.exampleId, `      <error type="infrastructure" message="${xmlAttr(`no measured repeat on one version (infrastructure errors): ${rates}`)}"/>\n${out(details)}`), outcome: 'error' };
  }
  const what: Record<ExampleRow['kind'], string> = {
    p2f: 'flipped pass → fail once, not confirmed by the reruns',
    f2p: e.confirmed ? 'fixed (confirmed F→P)' : 'flipped fail → pass once, not confirmed by the reruns',
    'stable-pass': 'passes on both versions',
    'stable-fail': 'fails on both versions (not a regression)',
    undecided: 'undecided: passes and fails evenly on a version, neither a flip nor stable',
    unmeasured: '',
  };
  return { xml: testcase(classname, e.exampleId, out(`${what[e.kind]}: ${details}`)), outcome: 'pass' };
}

/** A regression's evidence as plain text under its failure: the task, expected, and both answers. */
function evidenceText(e: EvidenceInput | null): string {
  if (e === null) return '';
  const side = (name: string, a: EvidenceInput['baseline']) =>
    a === null ? `${name}: no record` : `${name} (${a.status}): ${a.answer}${a.toolCalls.length > 0 ? `\n  tool calls: ${a.toolCalls.join(' -> ')}` : ''}${a.feedback ? `\n  scorer: ${a.feedback}` : ''}`;
  return `\n\ntask: ${e.task ?? '(not in the suites)'}\nexpected: ${e.expected ?? '(none)'}\n${side('baseline', e.baseline)}\n${side('release candidate', e.rc)}`;
}
