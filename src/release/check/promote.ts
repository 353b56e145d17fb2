import { cp, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Project } from '../../config/index.js';
import { fail } from '../../core/errors.js';
import { commitOf, gitRun, rcBranchName } from '../../core/git/index.js';
import type { LedgerEntry } from '../../core/ledger.js';
import type { Logger } from '../../core/log.js';
import type { RunManifest } from '../../core/records.js';
import type { GateResult } from '../../gate/index.js';
import { exists, iterationFile, listIterations, openIteration, storeLayout, writeIteration, writeJsonAtomic } from '../../store/index.js';
import { commitCandidate } from '../../synthesis/git/rc-commit.js';
import { rcWorktreePath } from '../../synthesis/git/rc-worktree.js';
// The one reader of an agent folder from git's objects.
import { readCommittedBlueprint } from '../../synthesis/git/read-blueprint.js';
import type { ConfirmationRecord, ConfirmationRound } from '../gating/confirm.js';
import { CONFIRMATION_FILE } from '../gating/pair.js';
import { GATE_FILE } from '../gating/stage.js';
import { readLineLedger } from '../ledger/read.js';
import { openReleaseLine, type ReleaseLine } from '../line.js';
import { agentPathOf } from '../loop/agent-path.js';
import { promoteIteration, type PromoteResult } from '../promote.js';
import { currentVersion } from '../versions.js';
import { CHECK_FILE, checkDir, readCheckRecord, type CheckRecord } from './record.js';

export interface PromoteCheckOptions {
  project: Project;
  /** The check: its folder (`.agentdevel/checks/<agent>/<id>`, or what `check --out` wrote), its check.json, or its id. */
  from: string;
  /** Needed only to find a check by its id. */
  agent?: string | undefined;
  /** Where the checked blueprint is committed now (default: the commit the check named, else HEAD: the merged pull request). */
  head?: string | undefined;
  cwd: string;
  dryRun?: boolean;
  logger?: Logger;
  now?: () => Date;
}

export interface PromoteCheckResult {
  check: CheckRecord;
  /** The iteration the check became on the version line. */
  iteration: number;
  /** Where the checked blueprint was read from. */
  source: string;
  promoted: PromoteResult | null;
  /** The ledger line that already records this check (a second promote of it does nothing). */
  already: LedgerEntry | null;
}

/**
 * `agentdevel promote --from-check`: a person's change that `agentdevel check` accepted becomes
 * the next version, on the same line, ledger and tag sequence as the engineer's candidates. The
 * check's evidence is its record: the version line must still hold the very blueprint the check
 * compared against, and the blueprint promoted must be the very one it checked (git's tree id).
 * The change is committed on its own RC branch on top of the line, as a synthesized candidate
 * is, then recorded through the same promote (ledger line, audit report, flaky memory, tag),
 * with the check named in the ledger line's `origin`.
 */
export async function promoteCheck(options: PromoteCheckOptions): Promise<PromoteCheckResult> {
  const { project } = options;
  const dir = checkFolder(options);
  const check = await readCheckRecord(dir);
  if (options.agent && options.agent !== check.agent) fail('EUSAGE', `--agent ${options.agent}: the check at ${dir} is about agent "${check.agent}"`);
  const agent = check.agent;
  if (check.decision !== 'accept') {
    return fail('EPROMOTE_DECISION', `the check ${check.id} of agent "${agent}" was decided ${check.decision}, not accept: only a change the gate accepted is promoted`, {
      details: `Nothing was written. Its report (${join(dir, 'report.md')}) says why; change the agent and check it again.`,
    });
  }
  const gate = await readGate(dir);
  const line = await openReleaseLine(project, agent);
  const recorded = (await readLineLedger(line)).find((e) => e.origin?.id === check.id);
  if (recorded) return { check, iteration: recorded.iteration, source: check.head.ref, promoted: null, already: recorded };
  const agentPath = agentPathOf(line);
  const root = join(line.repo.root, ...agentPath.split('/'));

  // The line must hold what the check compared against: else its flips say nothing about this change on it.
  const current = await currentVersion(line);
  const baseCommit = current?.commit ?? (await commitOf(line.repo.git, check.base.commit));
  if (!baseCommit) return fail('EGIT', `the check's base commit ${check.base.commit} is not in ${line.repo.root}`, { details: 'Fetch it (a CI checkout needs fetch-depth: 0), then rerun.' });
  const onLine = await readCommittedBlueprint(line.repo, baseCommit, agentPath, agent, root);
  if (onLine.blueprint.hash !== check.base.hash) {
    return fail('EGIT_STATE', `the version line ${line.branch} holds ${current?.tag ?? 'no version yet'} (tree ${onLine.blueprint.hash.slice(0, 12)}), not the version the check ${check.id} compared against (${check.base.ref}, tree ${check.base.hash.slice(0, 12)})`, {
      details: `The line moved since the check. Check the change again against it (\`agentdevel check --agent ${agent} --base ${line.branch} --head <the merged commit>\`), then promote that check.`,
    });
  }
  const { commit: sourceCommit, ref: source } = await checkedSource(line, check, options.head);
  const checked = await readCommittedBlueprint(line.repo, sourceCommit, agentPath, agent, root);
  if (checked.blueprint.hash !== check.head.hash) {
    return fail('EGATE_INPUT', `${agentPath} at ${source} (tree ${checked.blueprint.hash.slice(0, 12)}) is not the blueprint the check ${check.id} accepted (tree ${check.head.hash.slice(0, 12)})`, {
      details: 'The change was edited after its check, or merged together with other changes to the agent. Check what is committed now (`agentdevel check --head <commit>`), then promote that check; or name the commit that holds the checked blueprint with --head.',
    });
  }
  const n = await nextIteration(project.storeDir, line, agent);
  if (options.dryRun) return { check, iteration: n, source, promoted: null, already: null };

  await importRuns(project.storeDir, dir, [check.runs.baseline, check.runs.candidate, ...check.runs.confirmation]);
  const tip = current?.tip ?? (await startLine(line, baseCommit));
  const now = (options.now ?? (() => new Date()))();
  let state = await openIteration(project.storeDir, agent, { baselineRunId: check.runs.baseline, baselineCommit: tip, rcRunId: check.runs.candidate, completed: { baseline: check.checkedAt, candidate: check.checkedAt } }, n);
  await writeJsonAtomic(iterationFile(project.storeDir, agent, n, GATE_FILE), gate);
  await writeJsonAtomic(iterationFile(project.storeDir, agent, n, CHECK_FILE), check);
  if (check.runs.confirmation.length > 0) {
    await writeJsonAtomic(iterationFile(project.storeDir, agent, n, CONFIRMATION_FILE), await confirmationRounds(project.storeDir, check.runs.confirmation));
  }
  const before = new Set(onLine.blueprint.files.map((f) => f.path));
  const files = [
    ...checked.blueprint.files.map((f) => ({ path: f.path, content: f.content.toString('utf8'), executable: Boolean(f.executable) })),
    ...[...before].filter((path) => !checked.blueprint.files.some((f) => f.path === path)).map((path) => ({ path, content: null, executable: false })),
  ];
  const rc = await commitCandidate({
    repo: line.repo,
    base: tip,
    branch: rcBranchName(line.prefix, agent, n),
    worktree: rcWorktreePath(project.storeDir, agent, n),
    agentPath,
    files,
    candidateHash: check.head.hash,
    message: `agentdevel: ${agent} iteration ${n}: the change checked by check ${check.id} (${check.head.ref}${check.head.commit ? ` ${check.head.commit.slice(0, 12)}` : ''})\n\nFrom ${source}, accepted by the gate against ${check.base.ref}.`,
  });
  state = { ...state, rcBranch: rc.branch, rcCommit: rc.commit, completed: { ...state.completed, synthesize: now.toISOString(), gate: check.checkedAt } };
  await writeIteration(project.storeDir, state);
  const promoted = await promoteIteration({
    project,
    agent,
    iteration: n,
    now: () => now,
    ...(options.logger ? { logger: options.logger } : {}),
    origin: { kind: 'check', id: check.id, base: { ref: check.base.ref, commit: check.base.commit }, head: { ref: check.head.ref, commit: check.head.commit }, checkedAt: check.checkedAt },
  });
  return { check, iteration: n, source, promoted, already: null };
}

function checkFolder(options: PromoteCheckOptions): string {
  if (/^[0-9a-f]{16}$/.test(options.from)) {
    if (!options.agent) return fail('EUSAGE', `--from-check ${options.from}: a check id needs --agent (or give the check's folder)`);
    return checkDir(options.project.storeDir, options.agent, options.from);
  }
  const path = resolve(options.cwd, options.from);
  return path.endsWith('.json') ? resolve(path, '..') : path;
}

async function readGate(dir: string): Promise<GateResult> {
  const path = join(dir, GATE_FILE);
  try {
    return JSON.parse(await readFile(path, 'utf8')) as GateResult;
  } catch (error) {
    return fail('EGATE_INPUT', `${path}: the check's gate result cannot be read (${(error as Error).message})`, { details: 'It is written by `agentdevel check` next to check.json; run the check again.' });
  }
}

/** The commit holding the checked blueprint: --head, else the commit the check ran (when still here), else HEAD. */
async function checkedSource(line: ReleaseLine, check: CheckRecord, head: string | undefined): Promise<{ commit: string; ref: string }> {
  const ref = head ?? (check.head.commit && (await commitOf(line.repo.git, check.head.commit)) ? check.head.commit : 'HEAD');
  const commit = await commitOf(line.repo.git, ref);
  if (!commit) return fail('ENOT_FOUND', `--head ${ref}: no such commit, branch or tag in ${line.repo.root}`);
  return { commit, ref: ref === commit ? commit.slice(0, 12) : ref };
}

/** One past every iteration the line's ledger records and the store holds: the same sequence as the loop's. */
async function nextIteration(storeDir: string, line: ReleaseLine, agent: string): Promise<number> {
  const recorded = (await readLineLedger(line)).map((e) => e.iteration);
  const stored = await listIterations(storeDir, agent);
  return Math.max(0, ...recorded, ...stored) + 1;
}

/** confirmation.json of the check's rounds (its runs: baseline then candidate per round), from the runs' manifests. */
async function confirmationRounds(storeDir: string, runIds: string[]): Promise<ConfirmationRecord> {
  const rounds: ConfirmationRound[] = [];
  for (let i = 0; i + 1 < runIds.length; i += 2) {
    const [baseline, candidate] = [runIds[i]!, runIds[i + 1]!];
    const manifest = JSON.parse(await readFile(storeLayout(storeDir).runManifest(baseline), 'utf8')) as RunManifest;
    rounds.push({ keys: manifest.examples ?? [], sampleBase: manifest.sampleBase, runs: { baseline, candidate } });
  }
  return { rounds };
}

/** The check's runs into the store when they are not there (a CI job that downloaded `check --out`'s folder). */
async function importRuns(storeDir: string, dir: string, runIds: string[]): Promise<void> {
  const layout = storeLayout(storeDir);
  for (const id of runIds) {
    if (await exists(layout.runManifest(id))) continue;
    const from = join(dir, 'runs', id);
    if (!(await exists(join(from, 'manifest.json')))) {
      fail('ENOT_FOUND', `run ${id} of the check is neither in the store nor in ${join(dir, 'runs')}`, {
        details: 'Promote from the folder `agentdevel check --out <dir>` wrote (it holds the runs), or in the store where the check ran.',
      });
    }
    await cp(from, layout.runDir(id), { recursive: true });
  }
}

/** A repository with no version line yet: the line starts at the commit the check compared against. */
async function startLine(line: ReleaseLine, base: string): Promise<string> {
  await gitRun(line.repo.git, ['branch', line.branch, base], `starting the version line ${line.branch} at ${base.slice(0, 12)}`);
  return base;
}
