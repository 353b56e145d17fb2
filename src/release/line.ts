import { realpath } from 'node:fs/promises';
import type { Project } from '../config/index.js';
import { ensureVersionLine as ensureLine, openRepo, versionBranch, type Repo, type VersionLine } from '../core/git/index.js';

/** Where an agent's release line lives: its repository, branch and committed files. */
export interface ReleaseLine {
  agent: string;
  repo: Repo;
  prefix: string;
  /** The version branch, `<prefix><agent>`. */
  branch: string;
  /** `releases/<agent>` relative to the repository root, `/`-separated (the project may sit in a subfolder). */
  releasesPath: string;
  ledgerPath: string;
  storeDir: string;
}

export async function openReleaseLine(project: Project, agent: string): Promise<ReleaseLine> {
  const repo = await openRepo(project.root);
  const root = await realpath(project.root);
  const inRepo = root === repo.root ? '' : `${root.slice(repo.root.length + 1).split(/[\\/]/).join('/')}/`;
  const prefix = project.config.release.branchPrefix;
  const releasesPath = `${inRepo}releases/${agent}`;
  return { agent, repo, prefix, branch: versionBranch(prefix, agent), releasesPath, ledgerPath: `${releasesPath}/ledger.jsonl`, storeDir: project.storeDir };
}

/** The report file of an iteration: `v<N>.md` for a version, `iteration-<n>.md` for any other outcome. */
export function reportPath(line: ReleaseLine, target: { version: number } | { iteration: number }): string {
  return 'version' in target ? `${line.releasesPath}/v${target.version}.md` : `${line.releasesPath}/iteration-${target.iteration}.md`;
}

/**
 * The agent's version line, made if missing (branch at HEAD, tag `<a>@v0`); a dry run makes
 * nothing and reports what it would make.
 */
export function ensureVersionLine(line: ReleaseLine, options: { dryRun?: boolean } = {}): Promise<VersionLine> {
  return ensureLine(line.repo, { prefix: line.prefix, agent: line.agent, create: !options.dryRun });
}
