import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { simpleGit } from 'simple-git';
import { fail } from '../../core/errors.js';
import { exists } from '../../store/index.js';
import type { CandidateFile } from '../types.js';
import { commitOf, gitRun, identityArgs, type Repo } from '../../core/git/index.js';
import { candidateStep } from './candidate-step.js';
import { removeRcWorktree } from './rc-worktree.js';
import { writeCandidateFiles } from './write-candidate.js';

export interface RcCommitInput {
  repo: Repo;
  /** The version-line commit the candidate changes. */
  base: string;
  branch: string;
  /** Where the worktree goes: under the store's worktrees folder. */
  worktree: string;
  /** The agent folder inside the repository (`agents/support-bot`). */
  agentPath: string;
  files: readonly CandidateFile[];
  /** git's tree id the agent folder must have in the commit: the validated candidate's hash. */
  candidateHash: string;
  message: string;
}

export interface RcCommit {
  branch: string;
  commit: string;
  worktree: string;
  /** True when the branch already held this very candidate (a rerun after a crash). */
  reused: boolean;
}

/**
 * Commits the candidate on its own branch, in a worktree of its own made from the version
 * line's commit: the user's branch, index and working tree are never touched. The worktree
 * is left detached at the RC commit, ready for the candidate's run, until the decision on it is
 * recorded (removeRcWorktree); a failure before the branch exists removes it at once. The
 * branch is made last and never moved, so a crash leaves either no branch or a complete one.
 */
export async function commitCandidate(input: RcCommitInput): Promise<RcCommit> {
  const { repo, branch } = input;
  const existing = await commitOf(repo.git, `refs/heads/${branch}`);
  if (existing) return { ...(await adopt(input, existing)), reused: true };

  await clearWorktree(input);
  await mkdir(dirname(input.worktree), { recursive: true });
  try {
    await gitRun(repo.git, ['worktree', 'add', '--detach', input.worktree, input.base], `creating the worktree ${input.worktree}`);
    const wt = simpleGit({ baseDir: input.worktree });
    const commit = await candidateStep(async () => {
      await writeCandidateFiles(join(input.worktree, ...input.agentPath.split('/')), input.files);
      await gitRun(wt, ['add', '--all', '--', input.agentPath], 'staging the candidate');
      const identity = await identityArgs(input.repo);
      await gitRun(wt, [...identity, 'commit', '--no-verify', '--quiet', '-m', input.message], 'committing the candidate');
      const made = (await gitRun(wt, ['rev-parse', 'HEAD'], 'reading the RC commit')).trim();
      await checkTree(input, made);
      return made;
    });
    await gitRun(repo.git, ['branch', branch, commit], `creating the branch ${branch}`);
    return { branch, commit, worktree: input.worktree, reused: false };
  } catch (error) {
    // No branch was made: the half-made checkout is of no use, and must not linger in `git worktree list`.
    await removeRcWorktree(repo, input.worktree).catch(() => undefined);
    throw error;
  }
}

/** A branch left by an earlier run: kept only if it holds exactly this candidate on this base. */
async function adopt(input: RcCommitInput, commit: string): Promise<Omit<RcCommit, 'reused'>> {
  const parent = await commitOf(input.repo.git, `${commit}^`);
  const tree = (await gitRun(input.repo.git, ['rev-parse', `${commit}:${input.agentPath}`], `reading ${input.branch}`)).trim();
  if (parent !== input.base || tree !== input.candidateHash) {
    return fail('EGIT', `branch ${input.branch} already exists and holds another change (commit ${commit.slice(0, 12)})`, {
      details: `An RC branch is never moved. Inspect it with \`git log ${input.branch}\`; delete it (\`git branch -D ${input.branch}\`) to synthesize this iteration again.`,
    });
  }
  if (!(await exists(input.worktree))) await gitRun(input.repo.git, ['worktree', 'add', '--detach', input.worktree, commit], `restoring the worktree ${input.worktree}`);
  return { branch: input.branch, commit, worktree: input.worktree };
}

/** What git committed must be what was validated (a .gitignore or attribute filter could differ). */
async function checkTree(input: RcCommitInput, commit: string): Promise<void> {
  const tree = (await gitRun(input.repo.git, ['rev-parse', `${commit}:${input.agentPath}`], 'reading the RC tree')).trim();
  if (tree === input.candidateHash) return;
  fail('EGIT', `the RC commit's ${input.agentPath} (tree ${tree.slice(0, 12)}) differs from the validated candidate (${input.candidateHash.slice(0, 12)})`, {
    details: 'A .gitignore, .gitattributes filter or core.autocrlf setting changed the files as git stored them; make the agent folder store files as they are, then rerun.',
  });
}

/** A worktree left by a run killed before its branch was made holds nothing worth keeping. */
async function clearWorktree(input: RcCommitInput): Promise<void> {
  await gitRun(input.repo.git, ['worktree', 'prune'], 'pruning stale worktrees');
  if (!(await exists(input.worktree))) return;
  // Not a registered worktree any more (or never one): the folder is the store's own.
  await input.repo.git.raw(['worktree', 'remove', '--force', input.worktree]).catch(() => rm(input.worktree, { recursive: true, force: true }));
}
