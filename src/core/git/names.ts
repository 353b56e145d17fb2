import { fail } from '../errors.js';
import type { Repo } from './repo.js';

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

/** Version N of agent <a> is the annotated tag `<a>@v<N>`; v0 is where the version line started. */
export function versionTag(agent: string, version: number): string {
  return `${agent}@v${version}`;
}

/** The version number a tag name stands for, or undefined when it is not one of the agent's version tags. */
export function parseVersionTag(agent: string, tag: string): number | undefined {
  const prefix = `${agent}@v`;
  if (!tag.startsWith(prefix)) return undefined;
  const digits = tag.slice(prefix.length);
  if (!/^(0|[1-9]\d*)$/.test(digits)) return undefined;
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Refuses a branch or tag name git would refuse (an agent named `a..b`, a prefix ending in `.lock`). */
export async function checkRefName(repo: Repo, ref: string, what: string): Promise<void> {
  try {
    await repo.git.raw(['check-ref-format', ref]);
  } catch {
    fail('EGIT', `${what} "${ref.replace(/^refs\/(heads|tags)\//, '')}" is not a valid git ref name`, {
      details: 'Change release.branchPrefix in agentdevel.yaml, or rename the agent: git refuses names with "..", a trailing ".lock", spaces or any of ~^:?*[\\.',
    });
  }
}
