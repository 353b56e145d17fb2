import { commitOf, gitRun } from '../core/git/index.js';
import { fail } from '../core/errors.js';
import type { IterationState } from '../store/index.js';
import type { ReleaseLine } from './line.js';

/**
 * The RC an accept promotes: its commit must exist and hold the line's tip in its history, so
 * that moving the branch onto it is a fast-forward (nothing on the line is dropped). Returns
 * the RC commit and its parent (the version it was made from).
 */
export async function checkCandidate(line: ReleaseLine, state: IterationState, tip: string): Promise<{ commit: string; base: string | null }> {
  const { repo } = line;
  if (!state.rcCommit) {
    return fail('ENOT_FOUND', `iteration ${state.n} of agent "${line.agent}" has no release candidate commit`, {
      details: 'An accept needs the RC: run `agentdevel synthesize` (and the RC run and gate) for this iteration first.',
    });
  }
  const commit = await commitOf(repo.git, state.rcCommit);
  if (!commit) {
    return fail('EGIT', `the RC commit ${state.rcCommit} of iteration ${state.n} is not in the repository`, {
      details: `Its branch ${state.rcBranch ?? '(unknown)'} was deleted and the commit collected, or this is another clone. Fetch the RC branch, or rerun the iteration.`,
    });
  }
  const mergeBase = (await gitRun(repo.git, ['merge-base', tip, commit], 'comparing the RC with the version line')).trim();
  if (mergeBase !== tip) {
    return fail('EGIT_STATE', `the RC of iteration ${state.n} (${commit.slice(0, 12)}) was not made from the tip of ${line.branch} (${tip.slice(0, 12)})`, {
      details: 'The version line moved after the RC was made (another promotion, or a commit by hand), so the RC was gated against a version that is no longer current. Promoting it would drop what the line holds; run a new iteration instead (`agentdevel release`).',
    });
  }
  const base = (await commitOf(repo.git, `${commit}^`)) ?? null;
  return { commit, base };
}

/** Paths that must not exist yet where a record is written: a report is never overwritten. */
export async function refuseExisting(line: ReleaseLine, parent: string, paths: string[]): Promise<void> {
  for (const path of paths) {
    const found = (await gitRun(line.repo.git, ['rev-parse', '--verify', '--quiet', `${parent}:${path}`], `looking for ${path}`)).trim();
    if (found !== '') {
      fail('EGIT_STATE', `${path} already exists at ${parent.slice(0, 12)} on ${line.branch}, but the ledger does not record it`, {
        details: 'A record is never overwritten. The file was committed by hand: move it away on the version branch (a commit that removes it), then rerun.',
      });
    }
  }
}
