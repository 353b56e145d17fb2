import { fail } from '../../core/errors.js';
import { commitOf, gitRun, type Repo } from './repo.js';

/** The version line of agent <a>: the branch `<prefix><a>`. */
export function versionBranch(prefix: string, agent: string): string {
  return `${prefix}${agent}`;
}

/**
 * The RC of iteration n: `<prefix><a>@rc-<n>`. Not `<prefix><a>/rc-<n>`: git stores a branch
 * as a file, so `agentdevel/a` and `agentdevel/a/rc-1` cannot both exist. `@` appears in no
 * agent name, so no RC branch can collide with another agent's version line either.
 */
export function rcBranchName(prefix: string, agent: string, n: number): string {
  return `${prefix}${agent}@rc-${n}`;
}

export interface VersionLine {
  branch: string;
  commit: string;
  /** True when the branch did not exist and was (or, in a dry run, would be) made at HEAD. */
  created: boolean;
}

/**
 * The commit of the version line. A missing branch is made at HEAD, so the first version is
 * the agent as committed; this writes a ref only, never the user's index or working tree.
 * With `create: false` (dry runs) nothing is written and HEAD stands in.
 */
export async function versionLine(repo: Repo, branch: string, options: { create: boolean }): Promise<VersionLine> {
  const existing = await commitOf(repo.git, `refs/heads/${branch}`);
  if (existing) return { branch, commit: existing, created: false };
  const head = await commitOf(repo.git, 'HEAD');
  if (!head) {
    return fail('EGIT', `the repository at ${repo.root} has no commit yet, so agent version line ${branch} cannot start`, {
      details: 'Commit the agent first (git add agents && git commit), then rerun.',
    });
  }
  if (!options.create) return { branch, commit: head, created: true };
  try {
    await gitRun(repo.git, ['branch', branch, head], `creating the version branch ${branch}`);
  } catch (error) {
    // Another process may have made it a moment ago: take what it made.
    const made = await commitOf(repo.git, `refs/heads/${branch}`);
    if (!made) throw error;
    return { branch, commit: made, created: false };
  }
  return { branch, commit: head, created: true };
}
