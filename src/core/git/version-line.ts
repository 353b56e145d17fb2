import { fail } from '../errors.js';
import { checkRefName, versionBranch, versionTag } from './names.js';
import { commitOf, gitRun, type Repo } from './repo.js';
import { createAnnotatedTag, listVersionTags } from './tags.js';

export interface VersionLine {
  branch: string;
  /** The branch's tip (HEAD where the line does not exist yet and this is a dry run). */
  commit: string;
  /** True when the branch did not exist and was (or, with `create: false`, would be) made at HEAD. */
  created: boolean;
  /** The tag `<a>@v0` made now (or that would be), when the agent had no version tag yet. */
  startTag?: string;
}

/**
 * The version line of an agent, made if missing: the branch `<prefix><a>` at HEAD (so the first
 * version is the agent as committed) and the annotated tag `<a>@v0` on it. Only refs are
 * written, never the user's index or working tree. The branch is made before the tag, so a
 * crash between the two leaves a line whose tip is still its start, which the next call tags.
 * With `create: false` (dry runs) nothing is written and what would be made is reported.
 */
export async function ensureVersionLine(repo: Repo, options: { prefix: string; agent: string; create: boolean }): Promise<VersionLine> {
  const branch = versionBranch(options.prefix, options.agent);
  const existing = await commitOf(repo.git, `refs/heads/${branch}`);
  if (!existing) await checkRefName(repo, `refs/heads/${branch}`, 'the version branch');
  const { commit, created } = existing ? { commit: existing, created: false } : await startAtHead(repo, branch, options.create);
  if ((await listVersionTags(repo, options.agent)).length > 0) return { branch, commit, created };
  const startTag = versionTag(options.agent, 0);
  await checkRefName(repo, `refs/tags/${startTag}`, 'the version tag');
  if (options.create) {
    await createAnnotatedTag(repo, startTag, commit, `${options.agent} v0: the version line ${branch} starts here (agentdevel)`);
  }
  return { branch, commit, created, startTag };
}

async function startAtHead(repo: Repo, branch: string, create: boolean): Promise<{ commit: string; created: boolean }> {
  const head = await commitOf(repo.git, 'HEAD');
  if (!head) {
    return fail('EGIT', `the repository at ${repo.root} has no commit yet, so the version line ${branch} cannot start`, {
      details: 'Commit the agent first (git add agents && git commit), then rerun.',
    });
  }
  if (!create) return { commit: head, created: true };
  try {
    await gitRun(repo.git, ['branch', branch, head], `creating the version branch ${branch}`);
    return { commit: head, created: true };
  } catch (error) {
    // Another process may have made it a moment ago: take what it made.
    const made = await commitOf(repo.git, `refs/heads/${branch}`);
    if (!made) throw error;
    return { commit: made, created: false };
  }
}
