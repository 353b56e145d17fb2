import { gitRun, type Repo } from '../../core/git/index.js';

/**
 * The commit on the branch's first-parent line that recorded an iteration's decision, found by
 * its trailers (`Agentdevel-Agent`, `Agentdevel-Iteration`, `Agentdevel-Decision`): RC commits
 * carry the first two but never a decision.
 */
export async function findRecordCommit(repo: Repo, tip: string, agent: string, iteration: number, ledgerPath?: string): Promise<string | undefined> {
  // NUL between fields, RS (0x1e) after each commit: an empty last field (an RC commit has no decision) is never taken for the end of a commit.
  const format = ['%H', '%(trailers:key=Agentdevel-Agent,valueonly,separator=%x2C)', '%(trailers:key=Agentdevel-Iteration,valueonly,separator=%x2C)', '%(trailers:key=Agentdevel-Decision,valueonly,separator=%x2C)'].join('%x00');
  const out = await gitRun(repo.git, ['log', '--first-parent', `--format=${format}%x1e`, tip], `looking for the record of iteration ${iteration}`);
  for (const record of out.split('\x1e')) {
    const [commit = '', who = '', n = '', decision = ''] = record.trim().split('\0');
    if (who.trim() === agent && n.trim() === String(iteration) && decision.trim() !== '') return commit.trim();
  }
  return undefined;
}
