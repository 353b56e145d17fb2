import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/tmp.js';

/**
 * `agentdevel validate` beyond each file's shape: what a long run would trip on. Every case is
 * a whole project in a temp folder, checked by the built CLI.
 */
const good: Record<string, string> = {
  'agentdevel.yaml': 'store: .agentdevel\nrelease:\n  gate: strict\n  suites: [qa]\ncritic:\n  labels:\n    - {label: slow-answer, description: The answer came too late.}\n',
  'agents/bot/agent.yaml': 'name: bot\nkind: prompt\nsystem: [prompts/system.md]\n',
  'agents/bot/prompts/system.md': 'Answer briefly.\n',
  'agents/tool/agent.yaml': 'name: tool\nkind: command\ncommand: [sh, ./run.sh]\n',
  'agents/tool/run.sh': 'echo \'{"output": "hi"}\'\n',
  'specs/qa.yaml': 'name: qa\nscorer: {kind: exact}\nfile: qa.jsonl\nmustPass: [a]\n',
  'specs/qa.jsonl': '{"id": "a", "input": "hi", "expected": "hello", "tags": ["core"]}\n{"id": "b", "input": "yo", "expected": "hey"}\n',
  'gates/strict.yaml': 'maxP2F: 0\nmustPass: [qa/b, a, "tag:core"]\n',
  'gates/none.yaml': 'mode: always\n',
};

async function validate(files: Record<string, string | null>, args: string[] = []) {
  const tree = Object.fromEntries(Object.entries({ ...good, ...files }).filter((e): e is [string, string] => e[1] !== null));
  const dir = await writeTree(tree);
  if (tree['agents/tool/run.sh'] !== undefined) await chmod(join(dir, 'agents/tool/run.sh'), 0o755);
  return runCli(['validate', ...args], { cwd: dir });
}

describe('agentdevel validate: deep checks', () => {
  it('a good project (JSONL suite, prompt and command agents, coherent gates, own labels) exits 0', async () => {
    const { exitCode, stdout, stderr } = await validate({});
    expect(stdout, stderr).toContain('ok: 6 files valid');
    expect(exitCode).toBe(0);
  });

  const broken: Array<[string, Record<string, string | null>, RegExp]> = [
    ['a missing JSONL file', { 'specs/qa.jsonl': null }, /^specs\/qa\.yaml:3:\d+: file: file not found: specs\/qa\.jsonl$/m],
    ['a JSONL line of the wrong shape', { 'specs/qa.jsonl': '{"id": "a", "input": "hi"}\n{"id": 7, "input": "yo"}\n' }, /^specs\/qa\.jsonl:2:\d+: id: expected string, found number$/m],
    ['a JSONL line that is not JSON', { 'specs/qa.jsonl': '{"id": "a", "input": "hi"}\n{"id": \n' }, /^specs\/qa\.jsonl:2:1: not valid JSON/m],
    ['a duplicate example id', { 'specs/qa.jsonl': '{"id": "a", "input": "hi"}\n{"id": "b", "input": "x"}\n{"id": "a", "input": "yo"}\n' }, /^specs\/qa\.jsonl:3:1: id: duplicate id "a": also at line 1/m],
    ['a suite must-pass id that names no example', { 'specs/qa.yaml': 'name: qa\nscorer: {kind: exact}\nfile: qa.jsonl\nmustPass: [zz]\n' }, /^specs\/qa\.yaml:4:\d+: mustPass\[0\]: no example with id "zz"$/m],
    ['a suite named unlike its file (another suite\'s name)', { 'specs/qa2.yaml': 'name: qa\nscorer: {kind: exact}\nexamples:\n  - {id: c, input: hi}\n' }, /^specs\/qa2\.yaml:1:1: name: expected "qa2" \(the suite's file name\), found "qa"/m],
    ['a missing prompt file', { 'agents/bot/prompts/system.md': null }, /^agents\/bot\/agent\.yaml:3:10: system\[0\]: file "prompts\/system\.md" not found in the agent folder$/m],
    ['an agent named unlike its folder', { 'agents/bot/agent.yaml': 'name: robot\nkind: prompt\nsystem: prompts/system.md\n' }, /^agents\/bot\/agent\.yaml:1:7: name: expected "bot" \(the name of its folder\), found "robot"$/m],
    ['a command agent program not on PATH', { 'agents/tool/agent.yaml': 'name: tool\nkind: command\ncommand: [no-such-program-7f3a, ./run.sh]\n' }, /^agents\/tool\/agent\.yaml:3:11: command\[0\]: expected a program on PATH, found no "no-such-program-7f3a" in /m],
    ['a command agent absolute program that is missing', { 'agents/tool/agent.yaml': 'name: tool\nkind: command\ncommand: [/nonexistent/bin/agent]\n' }, /^agents\/tool\/agent\.yaml:3:11: command\[0\]: expected an executable file, found none at \/nonexistent\/bin\/agent$/m],
    ['a command agent relative program outside the agent folder', { 'agents/tool/agent.yaml': 'name: tool\nkind: command\ncommand: [bin/agent]\n' }, /^agents\/tool\/agent\.yaml:3:11: command\[0\]: expected a program on PATH, an absolute path or \.\/<file in the agent folder>, found "bin\/agent"/m],
    ['a command agent confinement that does not exist', { 'agents/tool/agent.yaml': 'name: tool\nkind: command\ncommand: [sh, ./run.sh]\nconfine: sandbox\n' }, /^agents\/tool\/agent\.yaml:4:10: confine: expected one of "none", "files", found "sandbox"$/m],
    ['a command agent ./ file that is missing', { 'agents/tool/run.sh': null }, /^agents\/tool\/agent\.yaml:3:\d+: command\[1\]: file "\.\/run\.sh" not found in the agent folder/m],
    ['a gate field its mode ignores', { 'gates/none.yaml': 'mode: always\nmaxP2F: 0\n' }, /^gates\/none\.yaml:2:\d+: maxP2F: expected no maxP2F under mode: always, found one/m],
    ['a gate must-pass entry naming no example', { 'gates/strict.yaml': 'mustPass: [qa/zz]\n' }, /^gates\/strict\.yaml:1:\d+: mustPass\[0\]: expected suite\/id of an existing example, found "qa\/zz"/m],
    ['a gate must-pass entry naming no suite', { 'gates/strict.yaml': 'mustPass: [other/a]\n' }, /^gates\/strict\.yaml:1:\d+: mustPass\[0\]: expected suite\/id of a suite of this project, found "other\/a" \(suites: qa\)$/m],
    ['a gate must-pass tag no example carries', { 'gates/strict.yaml': 'mustPass: ["tag:rare"]\n' }, /^gates\/strict\.yaml:1:\d+: mustPass\[0\]: expected a tag some example carries, found "tag:rare"/m],
    ['release.gate naming no policy', { 'agentdevel.yaml': 'release:\n  gate: stricter\n' }, /^agentdevel\.yaml:2:9: release\.gate: expected a gate policy, found none at gates\/stricter\.yaml \(gates: none, strict\)$/m],
    ['a role on a real server without its model', { 'agentdevel.yaml': 'release:\n  gate: strict\nendpoints:\n  critic:\n    baseURL: http://127.0.0.1:8000/v1\n' }, /^agentdevel\.yaml(:\d+:\d+)?: endpoints\.critic\.model: expected the name of the model the server serves/m],
    ['release.suites naming no suite', { 'agentdevel.yaml': 'release:\n  gate: strict\n  suites: [qa, qb]\n' }, /^agentdevel\.yaml:3:\d+: release\.suites\[1\]: expected a suite under specs\/, found "qb"/m],
  ];

  for (const [name, files, expected] of broken) {
    it(`reports ${name}: the file and field, exit 2`, async () => {
      const { exitCode, stdout } = await validate(files);
      expect(stdout).toMatch(expected);
      expect(stdout).toMatch(/^\d+ problems? found in \d+ files?$/m);
      expect(exitCode).toBe(2);
    });
  }

  it('reports `confine: files` where bubblewrap cannot run, at the key', async () => {
    const dir = await writeTree({ ...good, 'agents/tool/agent.yaml': 'name: tool\nkind: command\ncommand: [sh, ./run.sh]\nconfine: files\n' });
    await chmod(join(dir, 'agents/tool/run.sh'), 0o755);
    const { exitCode, stdout } = await runCli(['validate'], { cwd: dir, env: { ...process.env, AGENTDEVEL_BWRAP: '/nonexistent/bwrap' } });
    expect(stdout).toMatch(/^agents\/tool\/agent\.yaml:4:10: confine: expected bubblewrap to start a sandbox here \(or `confine: none`\), but \/nonexistent\/bwrap \(AGENTDEVEL_BWRAP\) is not an executable file$/m);
    expect(exitCode).toBe(2);
  });

  it('reports every duplicate or taken critic label at once, each at its place', async () => {
    const labels = ['slow-answer', 'wrong-tool', 'slow-answer', 'other'].map((l) => `    - {label: ${l}, description: d}\n`).join('');
    const { exitCode, stdout } = await validate({ 'agentdevel.yaml': `release:\n  gate: strict\ncritic:\n  labels:\n${labels}` });
    expect(stdout).toMatch(/^agentdevel\.yaml:6:\d+: critic\.labels\[1\]\.label: expected a label the shipped taxonomy does not have, found "wrong-tool"/m);
    expect(stdout).toMatch(/^agentdevel\.yaml:7:\d+: critic\.labels\[2\]\.label: expected each label once, found "slow-answer" again \(first at critic\.labels\[0\]\)$/m);
    expect(stdout).toMatch(/^agentdevel\.yaml:8:\d+: critic\.labels\[3\]\.label: expected a label of your own, found "other" \(reserved/m);
    expect(stdout).toContain('3 problems found');
    expect(exitCode).toBe(2);
  });

  it('lists problems of every kind in one run (--json), and does not load again a file whose shape is wrong', async () => {
    const { exitCode, stdout } = await validate(
      {
        'agentdevel.yaml': 'release:\n  gate: nope\n',
        'agents/bot/prompts/system.md': null,
        'specs/qa.jsonl': '{"id": "a", "input": "hi"}\n{"id": "a", "input": "yo"}\n',
        'specs/bad.yaml': 'name: bad\nexamples: []\n',
        'gates/none.yaml': 'mode: aggregate\nminF2P: 2\n',
      },
      ['--json'],
    );
    expect(exitCode).toBe(2);
    const { ok, issues } = JSON.parse(stdout) as { ok: boolean; issues: Array<{ file: string; path: string }> };
    expect(ok).toBe(false);
    expect(issues.map((i) => `${i.file} ${i.path}`).sort()).toEqual(
      ['agentdevel.yaml release.gate', 'agents/bot/agent.yaml system[0]', 'gates/none.yaml minF2P', 'specs/bad.yaml scorer', 'specs/qa.jsonl id'].sort(),
    );
  });
});
