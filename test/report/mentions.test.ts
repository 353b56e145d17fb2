import { describe, expect, it } from 'vitest';
import type { FlipEntry } from '../../src/gate/index.js';
import { markdownCell, markdownText, renderMarkdown } from '../../src/report/index.js';
import { ZWJ } from '../../src/report/escape.js';
import { FLIPS, gateResult } from './fixtures.js';
import { cells, outsideFences, report, tableRows } from './helpers.js';

/** Text a trace, an example or a critic could carry into a report posted on a pull request. */
const PINGS = 'cc @octocat and @acme/release-team: fixes #12, see acme/widgets#34 and GH-56 (mail ops@example.com)';
const HOSTILE_ID = '@admin|#7\nsecond line';

/** The references GitHub would link in rendered text: a mention, an issue number, GH-<n>. */
const LIVE = [/@[A-Za-z0-9_-]/, /#\d/, /\bGH-\d/i];

/** The Markdown as GitHub links it: outside fenced blocks and code spans (which it never links). */
function linkedText(md: string): string {
  return outsideFences(md).replace(/`[^`\n]+`/g, '');
}

describe('Markdown reports and GitHub references', () => {
  const flips: FlipEntry[] = [
    ...FLIPS,
    { ...FLIPS[0]!, key: `desk/${HOSTILE_ID}`, exampleId: HOSTILE_ID, mustPass: false, baselineSymptoms: [PINGS] },
  ];
  const gate = gateResult({ flips, reasons: gateResult().reasons.map((r, i) => (i === 0 ? { ...r, message: `${r.message}; ${PINGS}` } : r)) });
  const md = renderMarkdown(report({ gate, intent: { targets: ['@octocat'], summary: `Fix it. ${PINGS}`, expectedFixes: ['#99', 'GH-1'] } }));

  it('leaves no @mention, #issue or GH- link in text from examples, symptoms, reasons or the intent', () => {
    const text = linkedText(md);
    for (const live of LIVE) expect(text).not.toMatch(live);
    // Still there for a reader: the joiner is invisible.
    const visible = md.split(ZWJ).join('');
    expect(visible).toContain('cc @octocat and @acme/release-team: fixes \\#12, see acme/widgets\\#34 and GH-56 (mail ops@example.com)');
    expect(visible).toContain('- Targets: @octocat');
    expect(visible).toContain('- Expected fixes: \\#99, GH-1');
  });

  it('keeps a hostile example id in its one cell: the pipe escaped, the newline a space', () => {
    const rows = tableRows(md, '### Flips');
    const row = rows.find((r) => r.includes('second line'))!;
    const parts = cells(row);
    expect(parts).toHaveLength(8);
    expect(parts[1]!.split(ZWJ).join('')).toBe('@admin\\|\\#7 second line');
    expect(parts[6]).not.toMatch(LIVE[0]!);
  });

  it('makes references inert in every escaped string, and only references', () => {
    expect(markdownText('@octocat')).toBe(`@${ZWJ}octocat`);
    expect(markdownText('#1 and gh-2')).toBe(`\\#${ZWJ}1 and gh${ZWJ}-2`);
    expect(markdownCell('a @b | c\nd')).toBe(`a @${ZWJ}b \\| c d`);
    // A lone sign, a heading-like #, or a word ending in "gh" is left alone.
    expect(markdownText('5 @ 3, # tag, high-5')).toBe('5 @ 3, \\# tag, high-5');
  });
});
