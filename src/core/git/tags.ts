import { fail } from '../errors.js';
import { identityArgs } from './identity.js';
import { parseVersionTag } from './names.js';
import { gitRun, type Repo } from './repo.js';

export interface VersionTag {
  version: number;
  tag: string;
  /** The commit the tag points at (peeled). */
  commit: string;
}

/** The agent's version tags, highest first; with `mergedInto`, only those in that commit's history. */
export async function listVersionTags(repo: Repo, agent: string, options: { mergedInto?: string } = {}): Promise<VersionTag[]> {
  const args = ['for-each-ref', '--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)', ...(options.mergedInto ? [`--merged=${options.mergedInto}`] : []), `refs/tags/${agent}@v*`];
  const out = await gitRun(repo.git, args, `listing the version tags of ${agent}`);
  const tags: VersionTag[] = [];
  for (const line of out.split('\n')) {
    if (line === '') continue;
    const [tag = '', object = '', peeled = ''] = line.split('\0');
    const version = parseVersionTag(agent, tag);
    if (version !== undefined) tags.push({ version, tag, commit: peeled || object });
  }
  return tags.sort((a, b) => b.version - a.version);
}

/**
 * Makes the annotated tag, never moving one: when the tag exists already at this commit (a
 * rerun) that is success; at another commit it is an error.
 */
export async function createAnnotatedTag(repo: Repo, tag: string, commit: string, message: string): Promise<'created' | 'existed'> {
  const existing = await peeledTag(repo, tag);
  if (existing === commit) return 'existed';
  if (existing) return tagElsewhere(tag, existing, commit);
  try {
    await gitRun(repo.git, [...(await identityArgs(repo)), 'tag', '--annotate', '--message', message, tag, commit], `making the tag ${tag}`);
  } catch (error) {
    // Another process may have made it a moment ago.
    const made = await peeledTag(repo, tag);
    if (made === commit) return 'existed';
    if (made) return tagElsewhere(tag, made, commit);
    throw error;
  }
  return 'created';
}

async function peeledTag(repo: Repo, tag: string): Promise<string | undefined> {
  try {
    return (await repo.git.raw(['rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`])).trim() || undefined;
  } catch {
    return undefined;
  }
}

function tagElsewhere(tag: string, existing: string, wanted: string): never {
  return fail('EGIT_STATE', `tag ${tag} already exists at ${existing.slice(0, 12)}, not at ${wanted.slice(0, 12)}`, {
    details: `A version tag is never moved. Inspect it with \`git show ${tag}\`; if it was made by hand by mistake, delete it (\`git tag -d ${tag}\`) and rerun.`,
  });
}
