import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { rawServer, sendJson } from '../llm/raw-server.js';
import { git } from '../synthesis/git-fixture.js';
import { ledgerOf, loopProject } from './loop-fixture.js';

const intent = { targets: ['hallucination'], summary: 'Add a file.', expectedFixes: [] };
const create = (path: string, line = 'Always state the unit of every quantity.') => `--- /dev/null\n+++ b/${path}\n@@ -0,0 +1 @@\n+${line}\n`;

/** An engineer behind real HTTP that answers each request with the next patch in turn (the last one again when they run out). */
async function hostileEngineer(patches: string[]) {
  return rawServer((_request, res, index) =>
    sendJson(res, 200, {
      id: `c${index}`,
      object: 'chat.completion',
      created: 0,
      model: 'hostile',
      choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify({ patch: patches[Math.min(index, patches.length - 1)], intent }) }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
    }),
  );
}

async function synthesisRecord(root: string, n: number) {
  return JSON.parse(await readFile(join(root, '.agentdevel/iterations/qa', String(n), 'synthesis.json'), 'utf8')) as { status: string; reason: string; attempts: Array<{ reason?: string; message?: string }> };
}

describe('release with an engineer whose patches cannot become a commit', () => {
  it('refuses a file under a file, a file over a folder and a 300-character name, retries with a new sample each time, and records no candidate', async () => {
    const patches = [create('prompts/system.md/evil.md'), create('prompts'), create(`prompts/${'x'.repeat(300)}.md`)];
    const engineer = await hostileEngineer(patches);
    const { root } = await loopProject({ examples: 8, endpoints: { engineer: { baseURL: engineer.url, model: 'hostile' } } });

    const first = await runCli(['release', '--agent', 'qa', '--iterations', '1'], { cwd: root, timeout: 120_000 });
    expect(first.stderr).not.toMatch(/EINTERNAL|ENAMETOOLONG/);
    expect(first.exitCode).toBe(0);
    const record = await synthesisRecord(root, 1);
    expect(record.status).toBe('no-candidate');
    expect(record.attempts.map((a) => a.reason)).toEqual(['path-conflict', 'path-conflict', 'path-too-long']);
    expect(record.attempts[0]!.message).toContain('prompts/system.md is a file');
    expect(record.attempts[1]!.message).toContain('it is a folder holding prompts/system.md');
    expect(record.attempts[2]!.message).toMatch(/name of 303 bytes; names may have at most 255/);
    expect((await ledgerOf(root)).map((e) => [e.iteration, e.decision])).toEqual([[1, 'no-candidate']]);
    // Each attempt drew its own sample: no two requests carry the same seed.
    const seeds = engineer.received.map((r) => r.body.seed);
    expect(seeds).toHaveLength(3);
    expect(new Set(seeds).size).toBe(3);
    expect(await git(root, 'branch', '--list', 'agentdevel/qa@rc-*')).toBe('');

    // A rerun moves the line on: a new iteration, asked afresh (nothing replayed from the cache).
    const second = await runCli(['release', '--agent', 'qa', '--iterations', '1'], { cwd: root, timeout: 120_000 });
    expect(second.exitCode).toBe(0);
    expect(engineer.received).toHaveLength(6);
    expect((await ledgerOf(root)).map((e) => [e.iteration, e.decision])).toEqual([
      [1, 'no-candidate'],
      [2, 'no-candidate'],
    ]);
  }, 240_000);

  it('records no candidate with a coded reason when git cannot commit what passed validation', async () => {
    // The repository ignores *.secret, so `git add` leaves the new file out and the committed tree differs from the candidate.
    const engineer = await hostileEngineer([create('prompts/notes.secret')]);
    const { root } = await loopProject({ examples: 8, endpoints: { engineer: { baseURL: engineer.url, model: 'hostile' } }, files: { '.gitignore': '.agentdevel/\n*.secret\n' } });
    const result = await runCli(['release', '--agent', 'qa', '--iterations', '1'], { cwd: root, timeout: 120_000 });
    expect(result.stderr).not.toMatch(/EINTERNAL/);
    expect(result.exitCode).toBe(0);
    const record = await synthesisRecord(root, 1);
    expect(record.status).toBe('no-candidate');
    expect(record.reason).toMatch(/^the candidate could not be committed: EGIT /);
    expect(record.attempts.at(-1)).toMatchObject({ reason: 'commit-failed' });
    expect((await ledgerOf(root)).map((e) => e.decision)).toEqual(['no-candidate']);
    expect(await git(root, 'worktree', 'list')).not.toContain('rc-1');
  }, 120_000);
});
