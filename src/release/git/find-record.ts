import { gitRun, type Repo } from '../../core/git/index.js';

/**
 * The commit on the branch's first-parent line that recorded an iteration's decision, found by
 * its trailers (`Agentdevel-Agent`, `Agentdevel-Iteration`, `Agentdevel-Decision`): RC commits
 * carry the first two but never a decision.
 */
export async function findRecordCommit(repo: Repo, tip: string, agent: string, iteration: number): Promise<string | undefined> {
  const format = ['%H', '%(trailers:key=Agentdevel-Agent,valueonly,separator=%x2C)', '%(trailers:key=Agentdevel-Iteration,valueonly,separator=%x2C)', '%(trailers:key=Agentdevel-Decision,valueonly,separator=%x2C)'].join('%x00');
  const out = await gitRun(repo.git, ['log', '--first-parent', `--format=${format}%x00%x00`, tip], `looking for the record of iteration ${iteration}`);
  for (const record of out.split('\0\0')) {
    const [commit = '', who = '', n = '', decision = ''] = record.trim().split('\0');
    if (who.trim() === agent && n.trim() === String(iteration) && decision.trim() !== '') return commit.trim();
  }
  return undefined;
}
