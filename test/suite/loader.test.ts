import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigProblems, formatIssue, loadProject } from '../../src/config/index.js';
import { AgentdevelError } from '../../src/core/errors.js';
import { loadSuite, loadSuites } from '../../src/suite/index.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const line = (value: unknown) => JSON.stringify(value);
const suiteYaml = (body: string) => `name: s\nscorer: {kind: exact}\n${body}`;

async function project(files: Record<string, string>) {
  const root = await writeTree({ 'agentdevel.yaml': '{}\n', ...files });
  return { root, project: await loadProject({ cwd: root }) };
}

/** The error a promise rejects with; fails the test when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<AgentdevelError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AgentdevelError) return error;
    throw error;
  }
  throw new Error('expected the promise to reject');
}

const messages = (error: AgentdevelError) => (error instanceof ConfigProblems ? error.issues.map(formatIssue) : [error.message]);

describe('loadSuite', () => {
  it('loads inline examples with tags, splits and the suite name', async () => {
    const { project: p } = await project({
      'specs/s.yaml': suiteYaml('examples:\n  - {id: a, input: hi, expected: hello, tags: [greeting]}\n  - {id: b, input: {prompt: bye}, expected: bye}\n'),
    });
    const suite = await loadSuite(p, 's');
    expect(suite.name).toBe('s');
    expect(suite.examples.map((e) => [e.id, e.suite, e.tags])).toEqual([
      ['a', 's', ['greeting']],
      ['b', 's', []],
    ]);
    for (const e of suite.examples) expect(['dev', 'holdout']).toContain(e.split);
    expect(suite.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('loads examples from a JSON-lines file next to the suite, skipping blank lines', async () => {
    const { project: p } = await project({
      'specs/s.yaml': suiteYaml('file: s.jsonl\n'),
      'specs/s.jsonl': `${line({ id: 'a', input: 'x', expected: 'y' })}\n\n${line({ id: 'b', input: 'x2', expected: 'y2' })}\n`,
    });
    expect((await loadSuite(p, 's')).examples.map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('loads by path as well as by name', async () => {
    const { root, project: p } = await project({ 'elsewhere/s.yaml': suiteYaml('examples:\n  - {id: a, input: hi}\n') });
    expect((await loadSuite(p, join(root, 'elsewhere/s.yaml'))).examples).toHaveLength(1);
  });

  it('rejects duplicate ids in a JSON-lines file with EDUPLICATE_ID naming both lines', async () => {
    const { project: p } = await project({
      'specs/s.yaml': suiteYaml('file: s.jsonl\n'),
      'specs/s.jsonl': [line({ id: 'a', input: 'x' }), line({ id: 'b', input: 'x' }), line({ id: 'a', input: 'y' })].join('\n'),
    });
    const error = await rejection(loadSuite(p, 's'));
    expect(error.code).toBe('EDUPLICATE_ID');
    expect(error.message).toBe('specs/s.jsonl:3: id: duplicate id "a": also at line 1 (here: line 3)');
  });

  it('rejects duplicate inline ids naming both indices', async () => {
    const { project: p } = await project({ 'specs/s.yaml': suiteYaml('examples:\n  - {id: a, input: x}\n  - {id: b, input: x}\n  - {id: b, input: y}\n') });
    const error = await rejection(loadSuite(p, 's'));
    expect(error.code).toBe('EDUPLICATE_ID');
    expect(error.message).toBe('specs/s.yaml:6: examples[2].id: duplicate id "b": also at examples[1] (here: examples[2])');
  });

  it('reports every bad JSON-lines entry as file:line:column: field: problem, all at once', async () => {
    const { project: p } = await project({
      'specs/s.yaml': suiteYaml('file: data/s.jsonl\n'),
      'specs/data/s.jsonl': [
        line({ id: 'ok', input: 'x' }),
        '{"id": 7, "input": "x"}',
        '{"id": "c", "input": "x", "tagz": []}',
        '{"id": "d", input: x}',
        line({ id: 'e' }),
      ].join('\n'),
    });
    const error = await rejection(loadSuite(p, 's'));
    expect(error.code).toBe('ECONFIG');
    expect(messages(error)).toEqual([
      'specs/data/s.jsonl:2:8: id: expected string, found number',
      'specs/data/s.jsonl:3:1: unknown key "tagz" (not allowed here; check the spelling)',
      expect.stringMatching(/^specs\/data\/s\.jsonl:4:1: not valid JSON \(/),
      'specs/data/s.jsonl:5:1: input: required: expected string, found nothing',
    ]);
  });

  it('a missing examples file is EFILE naming the suite field and the path', async () => {
    const { project: p } = await project({ 'specs/s.yaml': suiteYaml('file: nowhere.jsonl\n') });
    const error = await rejection(loadSuite(p, 's'));
    expect(error.code).toBe('EFILE');
    expect(error.message).toMatch(/^specs\/s\.yaml: file: .*specs\/nowhere\.jsonl: file not found$/);
  });

  it('an unknown suite is ENOT_FOUND listing the suites there are', async () => {
    const { project: p } = await project({ 'specs/s.yaml': suiteYaml('examples:\n  - {id: a, input: x}\n') });
    const error = await rejection(loadSuite(p, 'nope'));
    expect(error.code).toBe('ENOT_FOUND');
    expect(error.message).toContain('specs/nope.yaml');
    expect(error.details).toContain('s');
  });

  it('checks the simulated-world annotations and mustPass against the examples', async () => {
    const { project: p } = await project({
      'specs/s.yaml': suiteYaml(
        [
          'mustPass: [a, zz]',
          'sim:',
          '  needs:',
          '    iso: {mode: bad-format, rule: Use ISO dates., broad: {rule: Only dates., breaks: [nosuchtag]}}',
          'examples:',
          '  - {id: a, input: x, sim: {needs: [iso, typo]}}',
          '',
        ].join('\n'),
      ),
    });
    const error = await rejection(loadSuite(p, 's'));
    expect(messages(error)).toEqual([
      'specs/s.yaml:6:86: sim.needs.iso.broad.breaks: no example carries the tag "nosuchtag", so this broad rule breaks nothing',
      'specs/s.yaml:8:42: examples[0].sim.needs[1]: unknown need "typo" (the suite\'s sim.needs are: iso)',
      'specs/s.yaml:3:15: mustPass[1]: no example with id "zz"',
    ]);
  });

  it('a suite-file schema problem is reported with its line and column', async () => {
    const { project: p } = await project({ 'specs/s.yaml': suiteYaml('examples:\n  - {id: a, input: x}\nsplit: {holdout: 2}\n') });
    const error = await rejection(loadSuite(p, 's'));
    expect(messages(error)[0]).toMatch(/^specs\/s\.yaml:5:\d+: split\.holdout: Too big/);
  });

  it('the hash covers the data file: same content same hash, anywhere; a changed line a new hash', async () => {
    const files = { 'specs/s.yaml': suiteYaml('file: s.jsonl\n'), 'specs/s.jsonl': line({ id: 'a', input: 'x' }) };
    const one = await loadSuite((await project(files)).project, 's');
    const two = await loadSuite((await project(files)).project, 's');
    expect(two.hash).toBe(one.hash);
    const changed = await project(files);
    await writeFile(join(changed.root, 'specs/s.jsonl'), line({ id: 'a', input: 'y' }));
    expect((await loadSuite(changed.project, 's')).hash).not.toBe(one.hash);
  });
  it('the hash covers the files the scorer reads', async () => {
    const files = { 'specs/s.yaml': 'name: s\nscorer: {kind: custom, module: score.mjs}\nexamples: [{id: a, input: x}]\n', 'specs/score.mjs': 'export default () => true;\n' };
    const { root, project: p } = await project(files);
    const before = await loadSuite(p, 's');
    await writeFile(join(root, 'specs/score.mjs'), 'export default () => false;\n');
    expect((await loadSuite(p, 's')).hash).not.toBe(before.hash);
  });
});

describe('loadSuites', () => {
  it('loads every specs/*.yaml by default, sorted by file name', async () => {
    const { project: p } = await project({
      'specs/b.yaml': 'name: b\nscorer: {kind: exact}\nexamples: [{id: x, input: y}]\n',
      'specs/a.yaml': 'name: a\nscorer: {kind: exact}\nexamples: [{id: x, input: y}]\n',
      'specs/a.jsonl': '',
    });
    expect((await loadSuites(p)).map((s) => s.name)).toEqual(['a', 'b']);
    expect((await loadSuites(p, ['b'])).map((s) => s.name)).toEqual(['b']);
  });

  it('refuses two files that give the same suite name', async () => {
    const { project: p } = await project({
      'specs/same.yaml': 'name: same\nscorer: {kind: exact}\nexamples: [{id: x, input: y}]\n',
      'other/same.yaml': 'name: same\nscorer: {kind: exact}\nexamples: [{id: x, input: y}]\n',
    });
    const error = await rejection(loadSuites(p, ['same', join(p.root, 'other/same.yaml')]));
    expect(error.code).toBe('ECONFIG');
    expect(error.message).toBe('two suites are named "same": specs/same.yaml and other/same.yaml');
  });

  it('a project without specs/ has no suites', async () => {
    const root = await tempDir();
    expect(await loadSuites(await loadProject({ cwd: root }))).toEqual([]);
  });
});
