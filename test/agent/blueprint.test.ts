import { execa } from 'execa';
import { chmod, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadBlueprint, loadBlueprintByName } from '../../src/agent/index.js';
import { ConfigProblems, loadProject } from '../../src/config/index.js';
import { AgentdevelError } from '../../src/core/errors.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const promptYaml = 'name: bot\nkind: prompt\nsystem: [prompts/a.md, prompts/b.md]\n';

async function folder(files: Record<string, string> = {}): Promise<string> {
  return writeTree({ 'agent.yaml': promptYaml, 'prompts/a.md': 'A\n', 'prompts/b.md': 'B\n', ...files });
}

async function problem(promise: Promise<unknown>): Promise<AgentdevelError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AgentdevelError);
  return error as AgentdevelError;
}

describe('loadBlueprint', () => {
  test('every file, sorted, forward slashes, executable bits; OS litter ignored', async () => {
    const dir = await folder({ 'tools/run.sh': '#!/bin/sh\n', 'z.txt': 'z', '.DS_Store': 'junk', 'prompts/.DS_Store': 'junk', '.hidden': 'kept' });
    await chmod(join(dir, 'tools/run.sh'), 0o755);
    const blueprint = await loadBlueprint(dir);
    expect(blueprint.files.map((f) => [f.path, f.executable])).toEqual([
      ['.hidden', false],
      ['agent.yaml', false],
      ['prompts/a.md', false],
      ['prompts/b.md', false],
      ['tools/run.sh', true],
      ['z.txt', false],
    ]);
    expect(blueprint.name).toBe('bot');
    expect(blueprint.dir).toBe(dir);
    expect(blueprint.config).toMatchObject({ kind: 'prompt', maxSteps: 8, editable: ['prompts/**'] });
  });

  test('the hash is git’s tree id of the folder', async () => {
    const repo = await tempDir();
    await writeTree({ 'agent/agent.yaml': promptYaml, 'agent/prompts/a.md': 'A\n', 'agent/prompts/b.md': 'B\n', 'agent/prompts-x': 'sorts between', 'agent/bin/run': '#!/bin/sh\n' }, repo);
    await chmod(join(repo, 'agent/bin/run'), 0o755);
    const git = (...args: string[]) => execa('git', args, { cwd: repo });
    await git('init', '-q');
    await git('add', '.');
    await git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'agent');
    const { stdout } = await git('rev-parse', 'HEAD:agent');
    expect((await loadBlueprint(join(repo, 'agent'))).hash).toBe(stdout.trim());
  });

  test('the hash follows content, executable bits and names, not write order', async () => {
    const dir = await folder();
    const base = (await loadBlueprint(dir)).hash;
    expect((await loadBlueprint(await folder())).hash).toBe(base);
    await writeFile(join(dir, 'prompts/b.md'), 'B changed\n');
    const changed = (await loadBlueprint(dir)).hash;
    expect(changed).not.toBe(base);
    await chmod(join(dir, 'prompts/b.md'), 0o755);
    const executable = (await loadBlueprint(dir)).hash;
    expect(executable).not.toBe(changed);
    await writeFile(join(dir, 'notes.md'), 'x');
    const added = (await loadBlueprint(dir)).hash;
    await rename(join(dir, 'notes.md'), join(dir, 'notes2.md'));
    expect((await loadBlueprint(dir)).hash).not.toBe(added);
  });

  test('a symlink to a file inside is read as that file', async () => {
    const dir = await folder();
    await symlink('a.md', join(dir, 'prompts/alias.md'));
    const blueprint = await loadBlueprint(dir);
    expect(blueprint.files.find((f) => f.path === 'prompts/alias.md')?.content.toString()).toBe('A\n');
  });

  test('refused: a symlink outside, a symlinked folder, a broken link, a fifo', async () => {
    const outside = await writeTree({ 'secret.txt': 'outside' });
    const a = await folder();
    await symlink(join(outside, 'secret.txt'), join(a, 'prompts/leak.md'));
    const out = await problem(loadBlueprint(a));
    expect(out.code).toBe('EBLUEPRINT');
    expect(out.message).toMatch(/prompts\/leak\.md: symlink points outside the agent folder/);

    const b = await folder();
    await symlink('prompts', join(b, 'more'));
    expect((await problem(loadBlueprint(b))).message).toMatch(/more: symlink to a folder \(prompts\)/);

    const c = await folder();
    await symlink('nowhere.md', join(c, 'prompts/gone.md'));
    expect((await problem(loadBlueprint(c))).message).toMatch(/prompts\/gone\.md: broken symlink/);

    const d = await folder();
    await execa('mkfifo', [join(d, 'pipe')]);
    const fifo = await problem(loadBlueprint(d));
    expect(fifo.code).toBe('EBLUEPRINT');
    expect(fifo.message).toMatch(/pipe: not a regular file/);
  });

  test('agent.yaml problems are ECONFIG with file, line and field', async () => {
    const root = await tempDir();
    const dir = join(root, 'agents/bot');
    await writeTree({ 'agent.yaml': 'name: bot\nkind: prompt\nsystem: prompts/a.md\nmaxSteps: 0\n', 'prompts/a.md': 'A' }, dir);
    const error = await problem(loadBlueprint(dir, { displayRoot: root }));
    expect(error).toBeInstanceOf(ConfigProblems);
    expect(error.code).toBe('ECONFIG');
    expect(error.message).toMatch(/^agents\/bot\/agent\.yaml:4:\d+: maxSteps: /);
  });

  test('what the schema cannot see: missing system files, a non-executable program, reserved env names, globs leaving the folder', async () => {
    const root = await tempDir();
    const missing = await writeTree({ 'agent.yaml': promptYaml, 'prompts/a.md': 'A' }, join(root, 'p'));
    const m = (await problem(loadBlueprint(missing, { displayRoot: root }))) as ConfigProblems;
    expect(m.issues).toEqual([{ file: 'p/agent.yaml', path: 'system[1]', message: 'file "prompts/b.md" not found in the agent folder' }]);

    const command = await writeTree(
      { 'agent.yaml': "name: c\nkind: command\ncommand: ['./run.sh', './missing.js']\nenv: [OPENAI_API_KEY, AGENTDEVEL_X, SHOP_TOKEN]\neditable: ['../other/**', 'prompts/**']\n", 'run.sh': '#!/bin/sh\n' },
      join(root, 'c'),
    );
    const c = (await problem(loadBlueprint(command, { displayRoot: root }))) as ConfigProblems;
    expect(c.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'editable[0]: "../other/**" must be relative to the agent folder and stay inside it',
      'command[0]: "./run.sh" is not executable: run `chmod +x` on it, or name its interpreter first (e.g. [node, ./run.sh])',
      'command[1]: file "./missing.js" not found in the agent folder (paths starting with ./ are relative to it)',
      'env[0]: OPENAI_API_KEY is set by agentdevel for every episode and cannot be passed through',
      'env[1]: AGENTDEVEL_X is set by agentdevel for every episode and cannot be passed through',
    ]);
  });

  test('a missing folder or agent.yaml is EFILE', async () => {
    const error = await problem(loadBlueprint(join(await tempDir(), 'nope')));
    expect(error.code).toBe('EFILE');
    expect(error.message).toMatch(/agent\.yaml: file not found/);
  });
});

describe('loadBlueprintByName', () => {
  test('loads agents/<name>; an unknown name lists the agents there; the name must match the folder', async () => {
    const root = await writeTree({ 'agents/alpha/agent.yaml': 'name: alpha\nkind: prompt\nsystem: p.md\n', 'agents/alpha/p.md': 'x', 'agents/beta/agent.yaml': 'name: gamma\nkind: prompt\nsystem: p.md\n', 'agents/beta/p.md': 'x' });
    const project = await loadProject({ cwd: root });
    expect((await loadBlueprintByName(project, 'alpha')).files.map((f) => f.path)).toEqual(['agent.yaml', 'p.md']);

    const unknown = await problem(loadBlueprintByName(project, 'delta'));
    expect(unknown.code).toBe('ENOT_FOUND');
    expect(unknown.message).toBe('agent "delta" not found: agents/delta/agent.yaml does not exist');
    expect(unknown.details).toBe('Agents in this project: alpha, beta.');

    const mismatch = (await problem(loadBlueprintByName(project, 'beta'))) as ConfigProblems;
    expect(mismatch.issues).toEqual([{ file: 'agents/beta/agent.yaml', path: 'name', message: 'expected "beta" (the name of its folder), found "gamma"' }]);
  });

  test('shipped agents load', async () => {
    const project = await loadProject({ cwd: join(import.meta.dirname, '../..') });
    for (const name of ['support-bot', 'js-coder']) {
      const blueprint = await loadBlueprintByName(project, name);
      expect(blueprint.name).toBe(name);
      expect(blueprint.config.editable).toEqual(['prompts/**']);
    }
  });
});

describe('blueprint loading stays apart', () => {
  test('the runners never read an agent folder: their imports do not reach src/agent/blueprint/', async () => {
    const reached = await importGraph(join(import.meta.dirname, '../../src/agent/runner.ts'));
    const local = [...reached].map((p) => p.replace(/.*\/src\//, 'src/'));
    expect(local).toEqual(expect.arrayContaining(['src/agent/prompt/loop.ts', 'src/agent/command/proxy/server.ts']));
    expect(local.filter((p) => p.startsWith('src/agent/blueprint/'))).toEqual([]);
  });
});

/** Every source file a module reaches through relative imports (static and dynamic). */
async function importGraph(entry: string): Promise<Set<string>> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = await readFile(file, 'utf8');
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)\.js'/g)) {
      queue.push(join(dirname(file), `${match[1]}.ts`));
    }
  }
  return seen;
}
