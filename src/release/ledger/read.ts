import { commitOf, gitRun, type Repo } from '../../core/git/index.js';
import type { LedgerEntry } from '../../core/ledger.js';
import { parseLedger } from './parse.js';

export interface LedgerAt {
  /** The file's text at the commit ('' when the commit has no ledger yet). */
  text: string;
  entries: LedgerEntry[];
}

/** The ledger as a commit holds it, read from git's objects (never from a working tree), validated. */
export async function readLedgerAt(repo: Repo, commit: string, ledgerPath: string, agent: string, shownAs: string): Promise<LedgerAt> {
  const spec = `${commit}:${ledgerPath}`;
  // rev-parse prints nothing (and git exits 1 without a word, which simple-git takes for success) when the path is absent.
  const blob = (await gitRun(repo.git, ['rev-parse', '--verify', '--quiet', spec], `looking for ${ledgerPath} at ${shownAs}`)).trim();
  if (blob === '') return { text: '', entries: [] };
  const text = await gitRun(repo.git, ['cat-file', 'blob', blob], `reading ${ledgerPath} at ${shownAs}`);
  return { text, entries: parseLedger(text, agent, ledgerPath, shownAs) };
}

/** The ledger on the tip of the agent's version branch ([] before the line exists or records anything). */
export async function readLineLedger(line: { repo: Repo; branch: string; ledgerPath: string; agent: string }): Promise<LedgerEntry[]> {
  const tip = await commitOf(line.repo.git, `refs/heads/${line.branch}`);
  if (!tip) return [];
  return (await readLedgerAt(line.repo, tip, line.ledgerPath, line.agent, `${line.branch} at ${tip.slice(0, 12)}`)).entries;
}
