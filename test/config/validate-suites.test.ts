import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/tmp.js';
import { qaProject } from '../run/fixture.js';
import { recordsOf } from '../run/helpers.js';

const agent = 'name: bot\nkind: prompt\nsystem: prompts/system.md\n';

async function validate(files: Record<string, string>) {
  const dir = await writeTree({ 'agentdevel.yaml': '{}\n', 'agents/bot/agent.yaml': agent, 'agents/bot/prompts/system.md': 'Be brief.\n', ...files });
  return runCli(['validate'], { cwd: dir });
}

describe('validate: suite mistakes that would be blamed on the agent', () => {
  const corpus: Array<[string, Record<string, string>, RegExp]> = [
    ['an invalid regular expression in the scorer, once, at its line', { 'specs/s.yaml': 'name: s\nscorer:\n  kind: regex\n  pattern: "(unclosed"\nexamples:\n  - {id: a, input: hi}\n  - {id: b, input: ho}\n' }, /^specs\/s\.yaml:4:\d+: scorer\.pattern: invalid pattern: .*$/m],
    ["an invalid regular expression in an example's expected, at its line", { 'specs/s.yaml': 'name: s\nscorer: {kind: regex}\nexamples:\n  - {id: a, input: hi, expected: "a+"}\n  - {id: b, input: ho, expected: "[z"}\n' }, /^specs\/s\.yaml:5:\d+: examples\[1\]: expected: invalid pattern/m],
    ['a suite with no examples', { 'specs/s.yaml': 'name: s\nscorer: {kind: exact}\nexamples: []\n' }, /^specs\/s\.yaml:3:1: examples: the suite has no examples/m],
    ['a suite with an empty JSON-lines file', { 'specs/s.yaml': 'name: s\nscorer: {kind: exact}\nfile: s.jsonl\n', 'specs/s.jsonl': '' }, /^specs\/s\.yaml:3:1: file: the suite has no examples/m],
    ["a name that differs from the file's, at the name: key", { 'specs/s.yaml': 'description: x\nname: other\nscorer: {kind: exact}\nexamples: [{id: a, input: hi}]\n' }, /^specs\/s\.yaml:2:1: name: expected "s" \(the suite's file name\), found "other"/m],
    ['an unknown key at its own line, not at the mapping holding it', { 'specs/s.yaml': 'name: s\nscorer:\n  kind: exact\n  feild: answer\nexamples: [{id: a, input: hi}]\n' }, /^specs\/s\.yaml:4:3: scorer: unknown key "feild"/m],
    ['a missing examples file at the line naming it', { 'specs/s.yaml': 'name: s\nscorer: {kind: exact}\nfile: nope.jsonl\n' }, /^specs\/s\.yaml:3:\d+: file: file not found: specs\/nope\.jsonl/m],
  ];
  for (const [name, files, expected] of corpus) {
    it(`reports ${name}, exit 2`, async () => {
      const { exitCode, stdout } = await validate(files);
      expect(stdout).toMatch(expected);
      expect(exitCode).toBe(2);
    });
  }

  it('reports an unknown key of agent.yaml at its line', async () => {
    const { stdout } = await validate({ 'agents/bot/agent.yaml': `${agent}maxStep: 3\n` });
    expect(stdout).toMatch(/^agents\/bot\/agent\.yaml:4:1: unknown key "maxStep"/m);
  });
});

describe('a scorer that cannot score', () => {
  it('records error (ESCORER), never fail, for every example it cannot judge', async () => {
    const root = await qaProject({ examples: 4, scorer: { kind: 'regex', pattern: '(unclosed' } });
    const result = await runCli(['run', '--agent', 'qa', '--suite', 'qa'], { cwd: root });
    const runId = /^run ([0-9a-f]{16})/m.exec(result.stdout)?.[1];
    expect(runId, result.stdout + result.stderr).toBeDefined();
    const records = await recordsOf(root, runId!);
    expect(records).toHaveLength(4);
    for (const record of records) {
      expect(record.status).toBe('error');
      expect(record).toMatchObject({ errorCode: 'ESCORER' });
      expect(record.reason).toMatch(/^the scorer cannot score: scorer\.pattern: invalid pattern/);
    }
  });
});
