import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigProblems, formatIssue, loadProject } from '../../src/config/index.js';
import { loadSuite } from '../../src/suite/index.js';
import { writeTree } from '../helpers/tmp.js';

const definitions = `  definitions:
    - {name: lookup_order, parameters: {type: object, properties: {order_id: {type: string}}, required: [order_id]}}
    - {name: get_time}
`;

async function load(files: Record<string, string>) {
  const root = await writeTree({ 'agentdevel.yaml': '{}\n', ...files });
  return { root, suite: await loadSuite(await loadProject({ cwd: root }), 's') };
}

async function problems(files: Record<string, string>): Promise<string[]> {
  try {
    await load(files);
  } catch (error) {
    if (error instanceof ConfigProblems) return error.issues.map(formatIssue);
    throw error;
  }
  throw new Error('expected the suite to be refused');
}

const suite = (tools: string, examples = 'examples:\n  - {id: a, input: where is my order}\n') => `name: s\nscorer: {kind: exact}\ntools:\n${tools}${examples}`;

describe('tool table', () => {
  const table = `${definitions}  table:
    lookup_order:
      - {args: {order_id: KL-1}, result: {status: shipped, items: [tea]}}
      - {args: {order_id: KL-2}, result: {status: pending}}
    get_time:
      - {result: "2025-06-02T09:00:00Z"}
`;

  it('answers the entry whose arguments deep-equal the call, key order aside', async () => {
    const { suite: s } = await load({ 'specs/s.yaml': suite(table) });
    const example = s.examples[0]!;
    expect(s.tools.execute).toBe(true);
    expect(s.tools.definitions(example).map((d) => d.name)).toEqual(['lookup_order', 'get_time']);
    await expect(s.tools.call('lookup_order', { order_id: 'KL-2' }, example)).resolves.toEqual({ status: 'pending' });
    await expect(s.tools.call('get_time', { anything: 1 }, example)).resolves.toBe('2025-06-02T09:00:00Z');
  });

  it('with no entry for the arguments, the call fails with an error naming the tool and arguments', async () => {
    const { suite: s } = await load({ 'specs/s.yaml': suite(table) });
    const call = s.tools.call('lookup_order', { order_id: 'KL-9', extra: true }, s.examples[0]!);
    await expect(call).rejects.toThrow('no canned result for lookup_order with arguments {"extra":true,"order_id":"KL-9"}; the table answers {"order_id":"KL-1"}, {"order_id":"KL-2"}');
  });

  it('an unknown tool is an error observation listing the tools', async () => {
    const { suite: s } = await load({ 'specs/s.yaml': suite(table) });
    await expect(s.tools.call('refund', {}, s.examples[0]!)).rejects.toThrow('unknown tool "refund"; the tools are lookup_order, get_time');
  });

  it('a table entry for a tool that is not defined is a problem of the suite', async () => {
    const out = await problems({ 'specs/s.yaml': suite(`${table}    lookup_ordr:\n      - {result: 1}\n`) });
    expect(out).toEqual([expect.stringMatching(/^specs\/s\.yaml:\d+:\d+: tools\.table\.lookup_ordr: no tool "lookup_ordr" in tools\.definitions/)]);
  });
});

describe('tools module', () => {
  const module = `
export function lookup_order(args, ctx) {
  if (args.order_id !== 'KL-1') throw new Error('no order ' + args.order_id);
  return { status: 'shipped', example: ctx.example.id };
}
export default { get_time: () => '2025-06-02T09:00:00Z' };
`;

  it('calls the export named like the tool with the arguments and the example', async () => {
    const { suite: s } = await load({ 'specs/s.yaml': suite(`${definitions}  module: s.tools.mjs\n`), 'specs/s.tools.mjs': module });
    const example = s.examples[0]!;
    await expect(s.tools.call('lookup_order', { order_id: 'KL-1' }, example)).resolves.toEqual({ status: 'shipped', example: 'a' });
    await expect(s.tools.call('get_time', {}, example)).resolves.toBe('2025-06-02T09:00:00Z');
    await expect(s.tools.call('lookup_order', { order_id: 'KL-3' }, example)).rejects.toThrow('no order KL-3');
  });

  it('the module is part of the suite hash, and a changed module is imported afresh', async () => {
    const { root, suite: before } = await load({ 'specs/s.yaml': suite(`${definitions}  module: s.tools.mjs\n`), 'specs/s.tools.mjs': module });
    await writeFile(join(root, 'specs/s.tools.mjs'), module.replace("'shipped'", "'lost'"));
    const after = await loadSuite(await loadProject({ cwd: root }), 's');
    expect(after.hash).not.toBe(before.hash);
    await expect(after.tools.call('lookup_order', { order_id: 'KL-1' }, after.examples[0]!)).resolves.toMatchObject({ status: 'lost' });
  });

  it('a defined tool the module does not export is a clear problem', async () => {
    const out = await problems({ 'specs/s.yaml': suite(`${definitions}  module: s.tools.mjs\n`), 'specs/s.tools.mjs': 'export const lookup_order = 3;\n' });
    expect(out).toEqual([
      expect.stringMatching(/^specs\/s\.yaml:\d+:\d+: tools\.definitions\[0\]\.name: tool "lookup_order" has no implementation: s\.tools\.mjs has no export "lookup_order" that is a function \(found number\) and tools\.table has no entry for it$/),
      expect.stringMatching(/tools\.definitions\[1\]\.name: tool "get_time" has no implementation: s\.tools\.mjs has no export "get_time" and/),
    ]);
  });

  it('a module that cannot be imported is reported with its error', async () => {
    const out = await problems({ 'specs/s.yaml': suite(`${definitions}  module: s.tools.mjs\n`), 'specs/s.tools.mjs': 'export function lookup_order( {\n' });
    expect(out).toEqual([expect.stringMatching(/^specs\/s\.tools\.mjs: the tools module cannot be imported: \S/)]);
  });

  it('a missing module is EFILE naming tools.module', async () => {
    await expect(load({ 'specs/s.yaml': suite(`${definitions}  module: gone.mjs\n`) })).rejects.toMatchObject({ code: 'EFILE', message: expect.stringMatching(/^specs\/s\.yaml: tools\.module: .*gone\.mjs: file not found$/) });
  });

  it('tools defined without any implementation are refused unless they are not executed', async () => {
    expect(await problems({ 'specs/s.yaml': suite(definitions) })).toHaveLength(2);
    const { suite: s } = await load({ 'specs/s.yaml': suite(`${definitions}  execute: false\n`) });
    expect(s.tools.execute).toBe(false);
    await expect(s.tools.call('lookup_order', { order_id: 'KL-1' }, s.examples[0]!)).rejects.toThrow(/not executed/);
  });

  it('an example offering its own functions overrides the suite definitions', async () => {
    const { suite: s } = await load({
      'specs/s.yaml': suite(`${definitions}  execute: false\n`, 'examples:\n  - {id: a, input: x, tools: [{name: only_mine}]}\n  - {id: b, input: y}\n'),
    });
    expect(s.tools.definitions(s.examples[0]!).map((d) => d.name)).toEqual(['only_mine']);
    expect(s.tools.definitions(s.examples[1]!).map((d) => d.name)).toEqual(['lookup_order', 'get_time']);
  });
});
