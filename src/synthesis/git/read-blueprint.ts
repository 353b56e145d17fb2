import { join, posix } from 'node:path';
import { AGENT_FILE, gitTreeHash, IGNORED_NAMES, type Blueprint, type BlueprintFile } from '../../agent/index.js';
// Not on the agent module's public surface: the same checks loadBlueprint runs, on files from git.
import { checkAgainstFiles } from '../../agent/blueprint/checks.js';
import { agentSchema, ConfigProblems, parseYaml } from '../../config/index.js';
import { fail } from '../../core/errors.js';
import { gitRun, type Repo } from '../../core/git/index.js';

export interface CommittedBlueprint {
  blueprint: Blueprint;
  /** Paths (relative to the agent folder) that are symlinks in the commit. */
  symlinks: Set<string>;
}

interface TreeEntry {
  mode: string;
  type: string;
  oid: string;
  path: string;
}

/**
 * The agent folder as a commit holds it, read from git's objects in memory: nothing is checked
 * out and the user's working tree is never read. Files, executable bits and agent.yaml are
 * judged as loadBlueprint judges a folder; a symlink counts as the file it points at inside
 * the folder, and is remembered so that no patch may change it.
 */
export async function readCommittedBlueprint(repo: Repo, commit: string, agentPath: string, agent: string, absoluteDir: string): Promise<CommittedBlueprint> {
  const shown = `${agentPath} at ${commit.slice(0, 12)}`;
  const listing = await gitRun(repo.git, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', `${agentPath}/`], `listing ${shown}`);
  const entries = parseTree(listing, `${agentPath}/`).filter((e) => !e.path.split('/').some((part) => IGNORED_NAMES.has(part)));
  if (!entries.some((e) => e.path === AGENT_FILE)) {
    return fail('ENOT_FOUND', `agent "${agent}": ${agentPath}/${AGENT_FILE} is not in commit ${commit.slice(0, 12)} of the version line`, {
      details: `Commit the agent (git add ${agentPath} && git commit), or check the version branch.`,
    });
  }
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const symlinks = new Set<string>();
  const files: BlueprintFile[] = [];
  for (const entry of entries) {
    if (entry.type !== 'blob') fail('EBLUEPRINT', `${shown}: ${entry.path} is a ${entry.type === 'commit' ? 'submodule' : entry.type}; an agent folder holds only files`);
    let source = entry;
    if (entry.mode === '120000') {
      symlinks.add(entry.path);
      source = resolveLink(entry, (await blob(repo, entry.oid)).toString('utf8'), byPath, shown);
    }
    files.push({ path: entry.path, content: await blob(repo, source.oid), executable: source.mode === '100755' });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const agentFile = `${agentPath}/${AGENT_FILE} (${commit.slice(0, 12)})`;
  const config = parseYaml(files.find((f) => f.path === AGENT_FILE)!.content.toString('utf8'), agentSchema, agentFile);
  const issues = checkAgainstFiles(config, files, agentFile);
  if (config.name !== agent) issues.push({ file: agentFile, path: 'name', message: `expected "${agent}" (the name of its folder), found "${config.name}"` });
  if (issues.length > 0) throw new ConfigProblems(issues);
  const blueprint: Blueprint = { name: config.name, dir: absoluteDir, config, files, hash: gitTreeHash(files) };
  return { blueprint, symlinks };
}

function parseTree(listing: string, prefix: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of listing.split('\0')) {
    if (record === '') continue;
    const tab = record.indexOf('\t');
    const [mode = '', type = '', oid = ''] = record.slice(0, tab).split(' ');
    const full = record.slice(tab + 1);
    if (full.startsWith(prefix)) entries.push({ mode, type, oid, path: full.slice(prefix.length) });
  }
  return entries;
}

/** The entry a symlink points at: a file of the same folder, as the folder reader requires. */
function resolveLink(link: TreeEntry, target: string, byPath: Map<string, TreeEntry>, shown: string): TreeEntry {
  const resolved = posix.normalize(posix.join(posix.dirname(link.path), target));
  const found = target.startsWith('/') || resolved.startsWith('..') ? undefined : byPath.get(resolved);
  if (!found || found.mode === '120000') {
    return fail('EBLUEPRINT', `${shown}: ${link.path} is a symlink to "${target}", which is not a file inside the agent folder`, {
      details: 'A blueprint must be self-contained: copy the file into the agent folder instead of linking to it.',
    });
  }
  return found;
}

async function blob(repo: Repo, oid: string): Promise<Buffer> {
  try {
    return (await repo.git.binaryCatFile(['blob', oid])) as Buffer;
  } catch (error) {
    return fail('EGIT', `cannot read object ${oid}: ${(error as Error).message}`, { cause: error });
  }
}

/** Where the agent folder of a project sits on disk (for messages and the blueprint's `dir`). */
export function agentDirIn(root: string, agentPath: string): string {
  return join(root, ...agentPath.split('/'));
}
