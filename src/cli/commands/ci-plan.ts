import type { Project } from '../../config/index.js';
import { commitOf } from '../../core/git/index.js';
import { fail } from '../../core/errors.js';
import { planOutputs, type CiWrites } from '../../ci/index.js';
import { currentVersion, openReleaseLine, readLineLedger, sampleRanges } from '../../release/index.js';
import { nextIterationNumber } from '../../release/loop/plan.js';
import { readIteration } from '../../store/index.js';

/**
 * `agentdevel ci plan [--iteration n] [--gate <policy>]`: the next iteration (one past every
 * iteration the store or the ledger on the version line knows: a CI job starts with an empty
 * store), or iteration n as the store holds it after synthesize, as step outputs for the jobs
 * that follow, with the gate policy they use (--gate, else release.gate).
 */
export async function ciPlan(project: Project, agent: string, n: number | undefined, gate: string | undefined): Promise<CiWrites> {
  const line = await openReleaseLine(project, agent);
  const tip = await commitOf(line.repo.git, `refs/heads/${line.branch}`);
  if (!tip && (await commitOf(line.repo.git, `refs/remotes/origin/${line.branch}`))) {
    // A CI checkout has origin's branches only as remote-tracking refs: planning without the line would restart it.
    fail('EGIT_STATE', `the version line ${line.branch} exists on origin but not as a local branch`, {
      details: `Fetch it first: git fetch origin "+refs/heads/${line.branch}*:refs/heads/${line.branch}*" (in the release workflow, BRANCH_PREFIX must equal release.branchPrefix of agentdevel.yaml, "${line.prefix}").`,
    });
  }
  const head = await commitOf(line.repo.git, 'HEAD');
  const state = n === undefined ? undefined : await readIteration(project.storeDir, agent, n);
  const iteration = state?.n ?? (await nextIterationNumber(project.storeDir, agent, await readLineLedger(line)));
  const baselineCommit = state?.baselineCommit ?? tip ?? head;
  if (!baselineCommit) {
    return fail('EGIT', `the repository at ${line.repo.root} has no commit yet`, { details: 'Commit the agent first (git add agents && git commit), then rerun.' });
  }
  const outputs = planOutputs({
    agent,
    iteration,
    sampleBase: sampleRanges(iteration).runs,
    branch: line.branch,
    lineExists: tip !== undefined,
    baselineCommit,
    version: (await currentVersion(line))?.tag ?? null,
    rcBranch: state?.rcBranch ?? null,
    rcCommit: state?.rcCommit ?? null,
  });
  outputs.gate = gate || project.config.release.gate;
  return { commands: [], outputs };
}
