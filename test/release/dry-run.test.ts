import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordDecision } from '../../src/release/index.js';
import { storeLayout } from '../../src/store/index.js';
import { candidate, git, noCandidate, releaseProject, repoSnapshot } from './fixture.js';
import { gateFor } from './gate-fixture.js';

/** Every file under the store, with its content: a dry run adds, removes and changes none. */
async function storeFiles(storeDir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(storeDir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files[path] = await readFile(path, 'utf8');
    }
  }
  return files;
}

describe('--dry-run', () => {
  it('plans the promotion in full and writes no ref, object, lock or store file', async () => {
    const { root, project } = await releaseProject();
    const rc = await candidate(project, 1);
    const repo = await repoSnapshot(root);
    const store = await storeFiles(project.storeDir);

    const result = await recordDecision({ project, agent: 'weather', iteration: rc.state, gate: gateFor('accept'), report: '# r\n', dryRun: true });

    expect(await repoSnapshot(root)).toEqual(repo);
    expect(await storeFiles(project.storeDir)).toEqual(store);
    expect(result).toMatchObject({ status: 'dry-run', recordCommit: null, version: { number: 1, tag: 'weather@v1', commit: null }, entry: { version: 1, decision: 'accept', rc: { commit: rc.rcCommit } } });
    expect(result.steps).toEqual([
      `commit releases/weather/ledger.jsonl and releases/weather/v1.md on top of the RC ${rc.rcCommit.slice(0, 12)}: "weather v1: accept iteration 1 (P2F 0, F2P 3)"`,
      `move agentdevel/weather from ${rc.base.slice(0, 12)} to that commit (compare-and-swap, never forced)`,
      'tag it weather@v1 (annotated)',
    ]);
    await expect(readdir(storeLayout(project.storeDir).locksDir)).rejects.toThrow();
  });

  it('on a repository with no version line yet, says it would start one at HEAD, and starts nothing', async () => {
    const { root, project } = await releaseProject();
    const state = await noCandidate(project, 1);
    const repo = await repoSnapshot(root);
    const head = await git(root, 'rev-parse', 'HEAD');

    const result = await recordDecision({ project, agent: 'weather', iteration: state, gate: null, report: '# none\n', reason: 'no actionable symptom', dryRun: true });

    expect(await repoSnapshot(root)).toEqual(repo);
    expect(result.steps.slice(0, 2)).toEqual([`make the version branch agentdevel/weather at ${head.slice(0, 12)} (HEAD)`, 'tag the start of the line weather@v0']);
    expect(result).toMatchObject({ status: 'dry-run', decision: 'no-candidate', previous: { number: 0, tag: 'weather@v0', commit: head } });
  });
});
