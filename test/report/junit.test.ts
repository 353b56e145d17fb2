import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../src/report/index.js';
import { gateResult, HOSTILE } from './fixtures.js';
import { report } from './helpers.js';
import { findAll, parseXml, textOf, XmlError, type XmlElement } from './xml-check.js';

const child = (node: XmlElement, name: string) => node.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === name);

describe('JUnit XML report', () => {
  const xml = renderJunit(report());
  const root = parseXml(xml);
  const suites = findAll(root, 'testsuite');
  const cases = (suite: string) => findAll(suites.find((s) => s.attrs.name === suite)!, 'testcase');
  const byName = (name: string) => cases('desk').find((c) => c.attrs.name === name)!;

  it('is well-formed XML with the right totals: one testcase per example plus the gate decision', () => {
    expect(root.name).toBe('testsuites');
    expect(suites.map((s) => s.attrs.name)).toEqual(['agentdevel gate', 'desk']);
    expect(cases('desk')).toHaveLength(16);
    expect(root.attrs).toMatchObject({ tests: '17', failures: '3', errors: '1', skipped: '1' });
    expect(suites[1]!.attrs).toMatchObject({ tests: '16', failures: '2', errors: '1', skipped: '1' });
    // The counts agree with the elements.
    expect(findAll(root, 'failure')).toHaveLength(3);
    expect(findAll(root, 'error')).toHaveLength(1);
    expect(findAll(root, 'skipped')).toHaveLength(1);
    // Each example once.
    const names = cases('desk').map((c) => c.attrs.name);
    expect(new Set(names).size).toBe(16);
  });

  it('fails a confirmed P→F with a message, skips a flaky one with why, errors an example with no measurement, passes the rest', () => {
    const regression = child(byName('refund-1'), 'failure')!;
    expect(regression.attrs.type).toBe('p2f');
    expect(regression.attrs.message).toBe('confirmed regression (P→F, must-pass example): baseline 3/3, RC 0/3');
    const flaky = child(byName('flaky-1'), 'skipped')!;
    expect(flaky.attrs.message).toMatch(/^flaky: its outcome changed against itself/);
    expect(child(byName('lost-1'), 'error')!.attrs.type).toBe('infrastructure');
    for (const name of ['fix-1', 'keep-1', 'broken-1', 'noise-1', 'hold-1']) {
      expect(byName(name).children.filter((c) => typeof c !== 'string').map((c) => (c as XmlElement).name)).toEqual(['system-out']);
    }
    expect(textOf(child(byName('broken-1'), 'system-out')!)).toBe('fails on both versions (not a regression): desk/broken-1 (dev): baseline 0/3, RC 0/3; baseline symptoms: looping');
    expect(textOf(child(byName('noise-1'), 'system-out')!)).toMatch(/^flipped fail → pass once, not confirmed by the reruns/);
  });

  it('escapes hostile names and text so that a parser reads them back, control characters made visible', () => {
    const hostile = cases('desk').find((c) => c.attrs.name?.startsWith('id|'))!;
    expect(hostile.attrs.name).toBe('id|`x`<script>]]>\\u0001');
    expect(child(hostile, 'failure')).toBeDefined();
    const fix3 = textOf(child(byName('fix-3'), 'system-out')!);
    expect(fix3).toContain('a|b `tick` <script>alert(1)</script> ]]> \\u0007bell\\u0000nul\nnew line & "q"');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(HOSTILE).toContain('\u0007');
  });

  it('records the decision as its own testcase with the failed rules, and the run facts as properties', () => {
    const gate = cases('agentdevel gate')[0]!;
    expect(gate.attrs).toMatchObject({ classname: 'agentdevel.bot', name: 'gate decision' });
    const failure = child(gate, 'failure')!;
    expect(failure.attrs.message).toMatch(/^rejected: must-pass: 1 must-pass example regressed: desk\/refund-1; max-p2f-rate: /);
    const props = Object.fromEntries(findAll(suites[0]!, 'property').map((p) => [p.attrs.name, p.attrs.value]));
    expect(props).toMatchObject({ 'agentdevel.outcome': 'reject', 'agentdevel.simulated': 'true', 'agentdevel.baselineRun': 'run-baseline-0001', 'agentdevel.p2f': '2' });
    expect(props['agentdevel.note']).toMatch(/^Simulated world: /);
  });

  it('passes the decision on accept, errors it on inconclusive, skips it when nothing was gated', () => {
    const decision = (xmlText: string) => findAll(parseXml(xmlText), 'testcase').find((c) => c.attrs.name === 'gate decision')!;
    const accept = decision(renderJunit(report({ gate: gateResult({ decision: 'accept', exitCode: 0, reasons: [] }) })));
    expect(accept.children.filter((c) => typeof c !== 'string').map((c) => (c as XmlElement).name)).toEqual(['system-out']);
    const inconclusive = decision(renderJunit(report({ gate: gateResult({ decision: 'inconclusive', exitCode: 11 }) })));
    expect(child(inconclusive, 'error')!.attrs.type).toBe('inconclusive');
    const none = parseXml(renderJunit(report({ gate: null, outcomes: null, patch: null, state: { outcome: 'no-candidate' } })));
    expect(none.attrs).toMatchObject({ tests: '1', skipped: '1', failures: '0', errors: '0' });
    expect(child(findAll(none, 'testcase')[0]!, 'skipped')!.attrs.message).toBe('no release candidate in this iteration: nothing was gated');
  });

  it('keeps newlines in attribute values as character references', () => {
    const withNewline = renderJunit(report({ gate: gateResult({ reasons: [{ rule: 'max-p2f', passed: false, effect: 'reject', threshold: 0, observed: 2, examples: [], exampleCount: 0, message: 'two\nlines' }] }) }));
    expect(withNewline).toContain('message="rejected: max-p2f: two&#10;lines"');
    expect(child(findAll(parseXml(withNewline), 'testcase')[0]!, 'failure')!.attrs.message).toBe('rejected: max-p2f: two\nlines');
  });
});

describe('the test XML checker', () => {
  it('accepts a well-formed document and refuses each kind of malformed one', () => {
    expect(parseXml('<?xml version="1.0"?>\n<a x="1"><b>t &amp; &#10;</b><c/></a>\n').children).toHaveLength(2);
    const bad = [
      '<a><b></a></b>',
      '<a>x & y</a>',
      '<a>\u0001</a>',
      '<a>]]></a>',
      '<a x="1" x="2"/>',
      '<a>&nbsp;</a>',
      '<a/><b/>',
      '<a x=1/>',
      '<a x="<"/>',
      '<a>&#1;</a>',
      '<a>',
    ];
    for (const text of bad) expect(() => parseXml(text), text).toThrow(XmlError);
  });
});
