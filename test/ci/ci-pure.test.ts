import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, gateAnnotations, outputBlock, outputBlocks, planOutputs, renderAnnotation, verdictOutputs, workflowCommand } from '../../src/ci/index.js';
import { gitignoreWith } from '../../src/cli/commands/init-scaffold.js';
import { parseFileCommands } from './file-commands.js';
import { flip, rejectingGate } from './gate-fixture.js';

describe('workflow commands', () => {
  it('escape as the Actions toolkit does: %, CR, LF in data; also : and , in properties', () => {
    expect(escapeData('50% done\r\nnext: a,b')).toBe('50%25 done%0D%0Anext: a,b');
    expect(escapeProperty('50% done\r\nnext: a,b')).toBe('50%25 done%0D%0Anext%3A a%2Cb');
    expect(escapeData('%0A')).toBe('%250A');
    expect(workflowCommand('error', { file: 'specs/a,b.yaml', line: 3, title: undefined, col: '' }, 'line one\n::warning::injected')).toBe('::error file=specs/a%2Cb.yaml,line=3::line one%0A::warning::injected');
    expect(workflowCommand('notice', {}, 'plain')).toBe('::notice::plain');
  });
});

describe('step outputs', () => {
  it('round-trip any value, a forged delimiter or output line included', () => {
    const delimiter = 'ghadelimiter_5c5d3e8a-0c47-4d2a-9f0e-2b7c8c1d6e4f';
    const outputs = { decision: 'reject', summary: 'line 1\ndecision=accept\nghadelimiter_other\n', empty: '' };
    expect(parseFileCommands(outputBlocks(outputs, delimiter))).toEqual(outputs);
    expect(outputBlock('p2f', '2', delimiter)).toBe(`p2f<<${delimiter}\n2\n${delimiter}\n`);
  });

  it('refuse a value holding the delimiter and a name that is no output name', () => {
    expect(() => outputBlock('x', 'a\nghadelimiter_1\nb', 'ghadelimiter_1')).toThrow(expect.objectContaining({ code: 'EINTERNAL' }));
    expect(() => outputBlock('a=b', 'v', 'ghadelimiter_1')).toThrow(expect.objectContaining({ code: 'EINTERNAL' }));
  });
});

describe('annotations from gate.json', () => {
  const at = () => ({ file: 'specs/s.yaml', line: 7 });

  it('an error per confirmed P→F (holdout said), a warning per unconfirmed P→F of a decided gate and per flaky flip, nothing for fixes', () => {
    const gate = rejectingGate([
      flip('s', 'x', 'p2f', 'confirmed', { split: 'holdout' }),
      flip('s', 'y', 'f2p', 'confirmed'),
      flip('s', 'z', 'p2f', 'unconfirmed'),
      flip('s', 'w', 'f2p', 'flaky', { flakySource: 'memory' }),
    ]);
    const annotations = gateAnnotations(gate, at, { simulated: true });
    expect(annotations.map((a) => [a.level, a.title, a.file, a.line])).toEqual([
      ['error', 'P→F regression: s/x', 'specs/s.yaml', 7],
      ['warning', 'Unconfirmed P→F: s/z', 'specs/s.yaml', 7],
      ['warning', 'Flaky: s/w', 'specs/s.yaml', 7],
    ]);
    expect(annotations[0]!.message).toMatch(/^s\/x \(holdout\) passes on the current version .* \(simulated world: not a real model\)$/);
    expect(annotations[1]!.message).toContain('not rerun because no rerun could change the decision');
    expect(annotations[2]!.message).toContain('remembered from earlier gates');
    expect(renderAnnotation({ ...annotations[0]!, file: undefined, line: undefined })).toMatch(/^::error title=P→F regression%3A s\/x::s\/x \(holdout\)/);
  });

  it('show at most 10 of a kind, the 10th saying how many more', () => {
    const gate = rejectingGate(Array.from({ length: 12 }, (_, i) => flip('s', `e${i}`, 'p2f', 'confirmed')));
    const annotations = gateAnnotations(gate, () => undefined, { simulated: false });
    expect(annotations).toHaveLength(10);
    expect(annotations.slice(0, 9).map((a) => a.title)).toEqual(Array.from({ length: 9 }, (_, i) => `P→F regression: s/e${i}`));
    expect(annotations[9]).toMatchObject({ level: 'error', title: '3 more confirmed P→F examples', message: expect.stringContaining('the job summary and the report list every one') });
    expect(gateAnnotations(rejectingGate(Array.from({ length: 10 }, (_, i) => flip('s', `e${i}`, 'p2f', 'confirmed'))), () => undefined, { simulated: false })).toHaveLength(10);
  });
});

describe('outputs of a plan and a verdict', () => {
  it('say what an iteration without a candidate is', () => {
    expect(verdictOutputs({ agent: 'a', iteration: 4, gate: null, recorded: 'no-candidate', version: 'a@v2', simulated: false })).toEqual({
      decision: 'no-candidate', p2f: '0', f2p: '0', flaky: '0', version: 'a@v2', agent: 'a', iteration: '4', 'exit-code': '0', simulated: 'false',
    });
    const plan = planOutputs({ agent: 'a', iteration: 4, sampleBase: 16384, branch: 'agentdevel/a', lineExists: false, baselineCommit: 'c'.repeat(40), version: null, rcBranch: null, rcCommit: null });
    expect(plan).toMatchObject({ candidate: 'false', 'rc-commit': '', 'line-exists': 'false', version: '', 'sample-base': '16384' });
  });
});

describe('.gitignore', () => {
  it('gets the store appended once, whichever way it is already written', () => {
    expect(gitignoreWith(null, '.agentdevel/')).toBe("# agentdevel's working store (runs, cache, iterations)\n.agentdevel/\n");
    expect(gitignoreWith('node_modules', '.agentdevel/')).toBe("node_modules\n# agentdevel's working store (runs, cache, iterations)\n.agentdevel/\n");
    for (const written of ['.agentdevel', '/.agentdevel/', 'dist/\n  .agentdevel/  \n']) expect(gitignoreWith(written, '.agentdevel/')).toBeNull();
    expect(gitignoreWith('.agentdevel-old/\n', '.agentdevel/')).toContain('\n.agentdevel/\n');
  });
});
