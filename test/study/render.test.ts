import { describe, expect, it } from 'vitest';
import { comparisonPolicy } from '../../src/gate/index.js';
import { accountLine, renderStudyHtml, renderStudyMarkdown, summarise, type LineResult, type StudyDocument } from '../../src/study/index.js';
import { explain, levelStarts } from '../../src/study/summary.js';
import { findAll, parseXml, textOf } from '../report/xml-check.js';
import { deskTruth, versions } from './world-fixture.js';

/** A study document built from hand-made lines on the desk world: two lines, two policies, one with a hostile name. */
const HOSTILE = 'gates/<b>odd|name</b> & `x`';
const truth = deskTruth();

function line(n: number, accepted: boolean): LineResult {
  const step = { n: 1, parent: versions.v0, candidate: versions.broad, observed: { p2f: 1, baselinePasses: 3 } };
  const account = (a: boolean) =>
    accountLine([{ ...step, decision: a ? 'accept' : 'reject', failedRules: a ? [] : ['max-p2f-rate'], acceptedRegressions: [] }], { start: versions.v0, final: a ? versions.broad : versions.v0 }, (v) => truth.of(v));
  return {
    level: 0,
    line: n,
    seed: 1 + n,
    made: { calls: 100, tokens: 1000 },
    seconds: 1,
    policies: [
      { policy: 'none', account: account(true), observed: { dev: 0.6, holdout: 0.5 }, spent: { calls: 100, tokens: 1000 }, iterations: 1, stop: 'iterations' },
      { policy: HOSTILE, account: account(accepted), observed: { dev: 0.2, holdout: 1 }, spent: { calls: 120, tokens: 1300 }, iterations: 1, stop: 'iterations' },
    ],
  };
}

const results = [line(0, false), line(1, false)];
const levels = [{ flakyShare: 0.08, rerollRate: 0.03 }];
const names = ['none', HOSTILE];
const doc: StudyDocument = {
  schemaVersion: 1,
  id: '20250101T000000Z-abcdef12',
  createdAt: '2025-01-01T00:00:00.000Z',
  simulated: true,
  command: 'agentdevel study --lines 2',
  agent: 'desk-bot',
  suites: [{ name: 'desk', examples: 7, dev: 5, holdout: 2 }],
  lines: 2,
  iterations: 1,
  seed: 1,
  design: 'one-at-a-time',
  world: { mislabelRate: 0.1, broadRate: 0.3, malformedRate: 0.15, latencyMs: 0, centre: levels[0]! },
  levels,
  policies: [comparisonPolicy('none'), { ...comparisonPolicy('default'), name: HOSTILE }],
  goodEpsilon: 0.01,
  starts: levelStarts(levels, results),
  summary: summarise(levels, names, results),
  why: explain(levels, names, results),
  results,
  timing: { seconds: 2, cpuSeconds: 2, jobs: 1, policyIterations: 4, callsMade: 200, callsSpent: 440 },
};

describe('the study in Markdown', () => {
  const md = renderStudyMarkdown(doc);

  it('says it is simulated, prints the world\'s parameters and the command that reproduces it', () => {
    expect(md).toContain('> **Simulated.** Every number here comes from the simulated world');
    expect(md).toContain('World parameters: mislabelRate 0.1, broadRate 0.3, malformedRate 0.15, latencyMs 0; noise one factor at a time around flaky share 0.08, re-roll rate 0.03: 1 level.');
    expect(md).toContain('Reproduce: `agentdevel study --lines 2`');
  });

  it('gives each policy a row of means and intervals, with the measured accounts', () => {
    const none = md.split('\n').find((l) => l.startsWith('| none |'))!;
    // Both lines promote the broad rule: 2 regressions shipped and 1 bad release each, final true dev 3/5, holdout 1/2.
    // Every line has a bad release (100%); the gate named none of the 2 regressions each line shipped.
    expect(none).toBe('| none | 60.0% [60.0, 60.0] | 50.0% [50.0, 50.0] | 60.0% [60.0, 60.0] | 50.0% [50.0, 50.0] | 2.00 [2.00, 2.00] | 1.00 [1.00, 1.00] | 100.0% [100.0, 100.0] | 0.00 [0.00, 0.00] | 2.00 [2.00, 2.00] | 0.00 [0.00, 0.00] | 0.00 [0.00, 0.00] | 33.3% [33.3, 33.3] | 1.00 [1.00, 1.00] | 100 [100, 100] | 100 [100, 100] | 1,000 [1,000, 1,000] |');
    expect(md).toContain('| none | 2 | 2 | 0 | — | 0 / 4 / 0 | 0 / 0 / 0 |');
  });

  it('escapes a hostile policy name so it cannot break the table', () => {
    const row = md.split('\n').find((l) => l.startsWith('| gates/&lt;b&gt;odd') && l.includes('%'))!;
    expect(row.startsWith('| gates/&lt;b&gt;odd\\|name&lt;/b&gt; &amp; \\`x\\` | 20.0% ')).toBe(true);
    expect(row.split(/(?<!\\)\|/).length).toBe(19); // 17 cells and the two outer bars
    expect(md).toContain('obs. P→F rate');
    expect(row).toContain('| — |'); // never promoted: no observed P→F rate
  });
});

describe('the study as an HTML page', () => {
  const html = renderStudyHtml(doc);
  const tree = parseXml(html, { doctype: true });

  it('is well-formed and self-contained, labelled as simulated', () => {
    expect(findAll(tree, 'script')).toEqual([]);
    expect(findAll(tree, 'meta').some((m) => m.attrs['http-equiv'] === 'Content-Security-Policy')).toBe(true);
    expect(textOf(findAll(tree, 'header')[0]!)).toContain('Simulated.');
  });

  it('charts each key measure with a bar per policy and its interval, the hostile name only as text', () => {
    const chart = findAll(tree, 'svg').find((s) => s.attrs.id === 'chart-regressionsShipped')!;
    const points = findAll(chart, 'g').filter((g) => g.attrs.class?.startsWith('pt'));
    expect(points.map((p) => [p.attrs['data-series'], p.attrs['data-value']])).toEqual([
      ['none', '2'],
      [HOSTILE, '0'],
    ]);
    expect(textOf(findAll(points[0]!, 'title')[0]!)).toBe('none, flaky share 0.08 (default), re-roll rate 0.03 (default): regressions shipped 2.00 [2.00, 2.00]');
    const empty = findAll(tree, 'svg').find((s) => s.attrs.id === 'chart-observedP2FRate')!;
    expect(findAll(empty, 'g').filter((g) => g.attrs.class?.startsWith('pt'))).toHaveLength(1); // only "none" promoted
  });
});
