import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/tmp.js';

const goodAgent = 'name: bot\nkind: prompt\nsystem: prompts/system.md\n';
const goodSuite = 'name: s\nscorer: {kind: exact}\nexamples:\n  - {id: a, input: hi, expected: hello}\n';

describe('agentdevel validate', () => {
  it('accepts a valid project', async () => {
    const dir = await writeTree({
      'agentdevel.yaml': 'store: .agentdevel\n',
      'agents/bot/agent.yaml': goodAgent,
      'agents/bot/prompts/system.md': 'Be brief.\n',
      'specs/s.yaml': goodSuite,
      'gates/default.yaml': 'maxP2FRate: 0.01\n',
    });
    const { exitCode, stdout } = await runCli(['validate'], { cwd: dir });
    expect(stdout).toContain('ok: 4 files valid');
    expect(exitCode).toBe(0);
  });

  const corpus: Array<[string, Record<string, string>, RegExp]> = [
    ['YAML syntax error with line and column', { 'agentdevel.yaml': 'store: [a\nx: 1\n' }, /agentdevel\.yaml:\d+:\d+: YAML syntax error/],
    ['wrong type', { 'agentdevel.yaml': 'endpoints:\n  agent:\n    concurrency: many\n' }, /agentdevel\.yaml:3:18: endpoints\.agent\.concurrency: expected number, found string/],
    ['unknown key', { 'agents/bot/agent.yaml': `${goodAgent}maxStep: 3\n` }, /agents\/bot\/agent\.yaml:\d+:\d+: unknown key "maxStep"/],
    ['missing required field', { 'specs/s.yaml': 'name: s\nexamples: []\n' }, /specs\/s\.yaml:\d+:\d+: scorer: required/],
    ['bad example field', { 'specs/s.yaml': 'name: s\nscorer: {kind: exact}\nexamples:\n  - {id: 3, input: hi}\n' }, /specs\/s\.yaml:4:\d+: examples\[0\]\.id: expected string, found number/],
    ['unknown scorer kind', { 'specs/s.yaml': 'name: s\nscorer: {kind: fuzzy}\nexamples: []\n' }, /scorer\.kind: expected one of/],
    ['gate out of range', { 'gates/g.yaml': 'maxP2FRate: 2\n' }, /gates\/g\.yaml:1:\d+: maxP2FRate: Too big/i],
  ];

  for (const [name, files, expected] of corpus) {
    it(`reports ${name} with exit 2 and the path`, async () => {
      const dir = await writeTree({ 'agentdevel.yaml': '{}\n', ...files });
      const { exitCode, stdout } = await runCli(['validate'], { cwd: dir });
      expect(stdout).toMatch(expected);
      expect(exitCode).toBe(2);
    });
  }

  it('lists every problem at once, across files', async () => {
    const dir = await writeTree({
      'agentdevel.yaml': 'bogus: 1\n',
      'agents/bot/agent.yaml': 'name: bot\nkind: prompt\n',
      'gates/g.yaml': 'minF2P: -1\n',
    });
    const { exitCode, stdout } = await runCli(['validate', '--json'], { cwd: dir });
    expect(exitCode).toBe(2);
    const parsed = JSON.parse(stdout) as { issues: Array<{ file: string }> };
    expect(new Set(parsed.issues.map((i) => i.file))).toEqual(new Set(['agentdevel.yaml', 'agents/bot/agent.yaml', 'gates/g.yaml']));
  });

  it('a bad kind hides nothing: the other problems of that object are checked as the kind that fits best', async () => {
    const dir = await writeTree({
      'agentdevel.yaml': '{}\n',
      'agents/bot/agent.yaml': 'name: bot\nkind: promt\nsystem: prompts/system.md\nmaxStep: 4\n',
      'agents/bot/prompts/system.md': 'Be brief.\n',
      'specs/s.yaml': 'name: s\nscorer: {kind: fuzzy, flags: 1}\nexamples:\n  - {id: a, input: hi, expected: hello, wat: 1}\n',
    });
    const { exitCode, stdout } = await runCli(['validate'], { cwd: dir });
    expect(exitCode).toBe(2);
    const lines = stdout.split('\n');
    expect(lines).toContain('agents/bot/agent.yaml:2:7: kind: expected one of "prompt", "command", found "promt"');
    expect(lines).toContain('agents/bot/agent.yaml:4:1: unknown key "maxStep" (not allowed here; check the spelling)');
    expect(stdout).toMatch(/^specs\/s\.yaml:2:\d+: scorer\.kind: expected one of/m);
    expect(stdout).toMatch(/^specs\/s\.yaml:4:\d+: examples\[0\]: unknown key "wat"/m);
  });

  it('a missing --config file is ECONFIG_NOT_FOUND with exit 2', async () => {
    const dir = await writeTree({});
    const { exitCode, stderr } = await runCli(['--config', 'nope.yaml', 'validate'], { cwd: dir });
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/^ECONFIG_NOT_FOUND nope\.yaml/m);
  });
});
