import { commitOf, listVersionTags, versionTag } from '../core/git/index.js';
import { fail } from '../core/errors.js';
import type { ReleaseLine } from './line.js';

export interface CurrentVersion {
  /** N of `<agent>@v<N>`: 0 is where the line started. */
  version: number;
  tag: string;
  /** The commit the tag points at. */
  commit: string;
  branch: string;
  /** The branch's tip: the version's commit, or a record of a later rejection on top of it. */
  tip: string;
  /** False only for a line whose v0 tag is not made yet (ensureVersionLine makes it). */
  tagged: boolean;
}

/**
 * The version the line holds: the highest of the agent's version tags in the branch's history.
 * Undefined when the version branch does not exist yet.
 */
export async function currentVersion(line: ReleaseLine): Promise<CurrentVersion | undefined> {
  const tip = await commitOf(line.repo.git, `refs/heads/${line.branch}`);
  if (!tip) return undefined;
  const [latest] = await listVersionTags(line.repo, line.agent, { mergedInto: tip });
  if (latest) return { ...latest, branch: line.branch, tip, tagged: true };
  const all = await listVersionTags(line.repo, line.agent);
  if (all.length === 0) return { version: 0, tag: versionTag(line.agent, 0), commit: tip, branch: line.branch, tip, tagged: false };
  return fail('EGIT_STATE', `none of the version tags of ${line.agent} (${all.map((t) => t.tag).join(', ')}) is in the history of ${line.branch}`, {
    details: `The version branch was moved or rewritten by hand. Put it back on the latest version (\`git branch -f ${line.branch} ${all[0]?.tag}\` after checking with \`git log\`), then rerun.`,
  });
}

/** The number the next version gets: one past every version tag of the agent, in any history. */
export async function nextVersionNumber(line: ReleaseLine): Promise<number> {
  const [highest] = await listVersionTags(line.repo, line.agent);
  return (highest?.version ?? 0) + 1;
}
