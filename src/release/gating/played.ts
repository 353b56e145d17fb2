import { join } from 'node:path';
import { fail } from '../../core/errors.js';
import { gitRun, listVersionTags } from '../../core/git/index.js';
import type { RunManifest } from '../../core/records.js';
// The one reader of an agent folder from git's objects.
import { readCommittedBlueprint } from '../../synthesis/git/read-blueprint.js';
import type { ReleaseLine } from '../line.js';
import { agentPathOf } from '../loop/agent-path.js';

/**
 * Refuses a candidate run that did not play the release candidate's commit: its manifest's
 * blueprint hash must be the one the RC commit holds (a run of the version line, of another
 * iteration's RC or of uncommitted files would be gated as if it were this candidate). The
 * commit the run did play is looked for among the iteration's baseline, the line's version
 * tags and the agent's RC branches, so the error can name it.
 */
export async function checkCandidatePlayed(line: ReleaseLine, manifest: RunManifest, rc: { commit: string; branch: string | undefined; hash: string }, baselineCommit: string): Promise<void> {
  if (manifest.blueprintHash === rc.hash) return;
  const played = await commitHolding(line, manifest.blueprintHash, baselineCommit);
  const rcName = `${rc.commit.slice(0, 12)}${rc.branch ? ` (${rc.branch})` : ''}`;
  const playedName = played ? `commit ${played.commit.slice(0, 12)} (${played.ref})` : `a blueprint (${manifest.blueprintHash.slice(0, 12)}) no commit of the line holds, such as uncommitted files`;
  fail('EGATE_INPUT', `the candidate run ${manifest.runId} played ${playedName}, not the release candidate's commit ${rcName}`, {
    details: `Run the release candidate itself, \`agentdevel run --agent ${line.agent} --agent-ref ${rc.branch ?? rc.commit} --sample-base ${manifest.sampleBase}\` (with the baseline run's suites and seed), then gate with --candidate <its run id>.`,
    data: { run: manifest.runId, rcCommit: rc.commit, playedCommit: played?.commit ?? null, playedBlueprint: manifest.blueprintHash, rcBlueprint: rc.hash },
  });
}

async function commitHolding(line: ReleaseLine, hash: string, baselineCommit: string): Promise<{ commit: string; ref: string } | undefined> {
  const agentPath = agentPathOf(line);
  const dir = join(line.repo.root, ...agentPath.split('/'));
  const candidates: Array<{ commit: string; ref: string }> = [{ commit: baselineCommit, ref: "the iteration's baseline" }];
  for (const tag of await listVersionTags(line.repo, line.agent)) candidates.push({ commit: tag.commit, ref: tag.tag });
  const branches = await gitRun(line.repo.git, ['for-each-ref', '--format=%(objectname) %(refname:short)', `refs/heads/${line.branch}@rc-*`], 'listing the RC branches');
  for (const row of branches.split('\n').filter(Boolean)) {
    const space = row.indexOf(' ');
    candidates.push({ commit: row.slice(0, space), ref: row.slice(space + 1) });
  }
  for (const candidate of candidates) {
    const committed = await readCommittedBlueprint(line.repo, candidate.commit, agentPath, line.agent, dir).catch(() => undefined);
    if (committed?.blueprint.hash === hash) return candidate;
  }
  return undefined;
}
