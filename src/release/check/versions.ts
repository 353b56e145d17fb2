import { loadBlueprint } from '../../agent/index.js';
import { projectPaths, type Project } from '../../config/index.js';
import { fail } from '../../core/errors.js';
import { commitOf, gitRun } from '../../core/git/index.js';
import type { ReleaseLine } from '../line.js';
import { agentPathOf } from '../loop/agent-path.js';
import { checkoutVersion } from '../loop/version-checkout.js';
import { currentVersion } from '../versions.js';

/** One side of a check: where its ref points and the blueprint it holds, as files the runs play. */
export interface CheckedVersion {
  /** As given (`--base main`), or what was chosen (`agentdevel/bot (v3)`, `working tree`). */
  ref: string;
  /** Null for the working tree: its files as they are, uncommitted edits included. */
  commit: string | null;
  /** The blueprint's tree hash (the run ids' part that names the version). */
  hash: string;
  /** The agent folder the runs play. */
  dir: string;
}

/** Where the branches that a pull request targets are looked for, in order. */
const DEFAULT_BRANCHES = ['refs/remotes/origin/HEAD', 'refs/remotes/origin/main', 'refs/remotes/origin/master', 'refs/heads/main', 'refs/heads/master'];

/**
 * The version a check compares against: --base as given; else the version line's current
 * version (what a change would be promoted onto); else the merge base of HEAD with the default
 * branch (a repository that has no version line yet). Also the commit whose flaky memory applies.
 */
export async function resolveBase(project: Project, line: ReleaseLine, ref: string | undefined): Promise<CheckedVersion & { commit: string; flakyAt: string }> {
  if (ref !== undefined) {
    const commit = await commitOf(line.repo.git, ref);
    if (!commit) return notFound('--base', ref, line);
    return { ref, commit, flakyAt: commit, ...(await atCommit(project, line, commit)) };
  }
  const current = await currentVersion(line);
  if (current) return { ref: `${line.branch} (${current.tag})`, commit: current.commit, flakyAt: current.tip, ...(await atCommit(project, line, current.commit)) };
  for (const branch of DEFAULT_BRANCHES) {
    const tip = await commitOf(line.repo.git, branch);
    if (!tip) continue;
    const base = (await gitRun(line.repo.git, ['merge-base', 'HEAD', tip], 'finding the merge base with the default branch').catch(() => '')).trim();
    if (base === '') continue;
    const name = branch.replace(/^refs\/(heads|remotes)\//, '');
    return { ref: `merge base with ${name}`, commit: base, flakyAt: base, ...(await atCommit(project, line, base)) };
  }
  return fail('ENOT_FOUND', `no version to check against: agent "${line.agent}" has no version line (${line.branch}) and no default branch (main, master, origin/HEAD) was found`, {
    details: 'Name the base: `agentdevel check --base <branch, tag or commit>`.',
  });
}

/** The version being checked: --head as given, else the agent folder of the working tree as it is. */
export async function resolveHead(project: Project, line: ReleaseLine, ref: string | undefined): Promise<CheckedVersion> {
  if (ref !== undefined) {
    const commit = await commitOf(line.repo.git, ref);
    if (!commit) return notFound('--head', ref, line);
    return { ref, commit, ...(await atCommit(project, line, commit)) };
  }
  const dir = projectPaths.agentDir(project, line.agent);
  const blueprint = await loadBlueprint(dir);
  return { ref: 'working tree', commit: null, hash: blueprint.hash, dir };
}

async function atCommit(project: Project, line: ReleaseLine, commit: string): Promise<{ hash: string; dir: string }> {
  const version = await checkoutVersion(line.repo, { commit, agentPath: agentPathOf(line), agent: line.agent, storeDir: project.storeDir });
  return { hash: version.hash, dir: version.dir };
}

function notFound(flag: string, ref: string, line: ReleaseLine): never {
  return fail('ENOT_FOUND', `${flag} ${ref}: no such commit, branch or tag in ${line.repo.root}`, {
    details: 'Fetch it first (a CI checkout has remote branches as origin/<branch>; `git fetch origin <branch>:<branch>` makes the local one).',
  });
}

/** The blueprint files that differ between two versions (added, removed or changed), relative to the repository root. */
export async function changedFiles(line: ReleaseLine, base: CheckedVersion, head: CheckedVersion): Promise<string[]> {
  const [a, b] = await Promise.all([loadBlueprint(base.dir), loadBlueprint(head.dir)]);
  const before = new Map(a.files.map((f) => [f.path, f]));
  const after = new Map(b.files.map((f) => [f.path, f]));
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((path) => {
    const x = before.get(path);
    const y = after.get(path);
    return !x || !y || !x.content.equals(y.content) || Boolean(x.executable) !== Boolean(y.executable);
  });
  const agentPath = agentPathOf(line);
  return changed.sort().map((path) => `${agentPath}/${path}`);
}
