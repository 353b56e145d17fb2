import { readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import type { Project } from '../config/index.js';
import { silentLogger, type Logger } from '../core/log.js';
import { openModelLayer } from '../llm/index.js';
import type { ModelLayer } from '../llm/types.js';
import { markCompleted, readIteration, resolveIteration, storeLayout, type IterationState } from '../store/index.js';
import { commitMessage } from './commit-message.js';
import { readEngineerBrief, type EngineerBrief } from './diagnosis-input.js';
import { readCommittedBlueprint, type CommittedBlueprint } from './git/read-blueprint.js';
import { commitCandidate } from './git/rc-commit.js';
import { ensureVersionLine, openRepo, rcBranchName, type Repo } from '../core/git/index.js';
import { lockIteration } from './iteration-lock.js';
import { readRecorded, writeRcFiles, writeSynthesisRecord, type SynthesisRecord } from './iteration-files.js';
import { patchSummary, type FileStat } from './patch-summary.js';
import { simSuitesFor } from './sim-suites.js';
import { synthesizeCandidate } from './synthesize.js';
import type { Intent, SynthesisAttempt } from './types.js';

export interface SynthesizeStageOptions {
  project: Project;
  agent: string;
  /** Default: the agent's latest iteration. */
  iteration?: number;
  /** Ask the engineer and validate, but write nothing: no git ref, no worktree, no store file. */
  dryRun?: boolean;
  /** A model layer to share (the release loop); otherwise one is opened and closed. */
  models?: ModelLayer;
  signal?: AbortSignal;
  logger?: Logger;
}

export type SynthesizeStatus = 'committed' | 'already-committed' | 'dry-run' | 'no-candidate' | 'no-target';

export interface SynthesizeStageResult {
  agent: string;
  iteration: number;
  status: SynthesizeStatus;
  /** Why there is no candidate (no-target, no-candidate). */
  reason?: string;
  engineer?: { model: string; simulated: boolean };
  base?: { branch: string; commit: string; created: boolean };
  rcBranch?: string;
  rcCommit?: string;
  /** The worktree holding the RC checkout (under the store), for its run. */
  worktree?: string;
  patch?: string;
  intent?: Intent;
  files?: FileStat[];
  attempts: SynthesisAttempt[];
}

/**
 * The synthesize stage on files and git: the iteration's spec.md and diagnosis.json in, the
 * blueprint read from the version line (never the user's working tree), one engineer change
 * validated, then rc.patch, intent.json and synthesis.json written and the RC committed on its
 * own branch in a worktree. Rerunning once the RC commit exists does nothing.
 */
export async function synthesizeIteration(options: SynthesizeStageOptions): Promise<SynthesizeStageResult> {
  const found = await resolveIteration(options.project.storeDir, options.agent, options.iteration);
  if (options.dryRun) return synthesizeLocked(options, found);
  const unlock = await lockIteration(options.project.storeDir, options.agent, found.n);
  try {
    // Read again under the lock: another process may have finished it meanwhile.
    return await synthesizeLocked(options, await readIteration(options.project.storeDir, options.agent, found.n));
  } finally {
    await unlock();
  }
}

async function synthesizeLocked(options: SynthesizeStageOptions, state: IterationState): Promise<SynthesizeStageResult> {
  const { project, agent } = options;
  const logger = options.logger ?? silentLogger;
  const storeDir = project.storeDir;
  if (state.rcCommit && !options.dryRun) return alreadyCommitted(storeDir, state);

  const brief = await readEngineerBrief(storeDir, state);
  const repo = await openRepo(project.root);
  const agentPath = await agentPathIn(repo, project, agent);
  const prefix = project.config.release.branchPrefix;
  const line = await ensureVersionLine(repo, { prefix, agent, create: !options.dryRun });
  const baseCommit = state.baselineCommit ?? line.commit;
  if (baseCommit !== line.commit) logger.info(`synthesize: the RC is made from the baseline's commit ${baseCommit.slice(0, 12)}, not the tip of ${line.branch} (${line.commit.slice(0, 12)})`);
  const committed = await readCommittedBlueprint(repo, baseCommit, agentPath, agent, join(repo.root, agentPath));
  await warnIfBaselineDiffers(project, state, committed, logger);
  const base = { branch: line.branch, commit: baseCommit, created: line.created };
  const common = { agent, iteration: state.n, base };

  if (brief.noTarget !== undefined) {
    const reason = `no actionable symptom: ${brief.noTarget}`;
    if (!options.dryRun) await recordNoCandidate(storeDir, state, { status: 'no-target', reason, base, blueprintHash: committed.blueprint.hash, attempts: [] }, project);
    return { ...common, status: 'no-target', reason, attempts: [] };
  }

  const { result, engineer } = await askEngineer(options, state, brief, committed, logger);
  if (!result.ok) {
    const reason = `no valid patch in ${result.attempts.length} attempt${result.attempts.length === 1 ? '' : 's'} (synthesis.maxAttempts)`;
    if (!options.dryRun) await recordNoCandidate(storeDir, state, { status: 'no-candidate', reason, base, blueprintHash: committed.blueprint.hash, attempts: result.attempts, engineer }, project);
    return { ...common, status: 'no-candidate', reason, engineer, attempts: result.attempts };
  }

  const files = patchSummary(result.patch, result.files, committed.blueprint.files);
  const found = { ...common, engineer, patch: result.patch, intent: result.intent, files, attempts: result.attempts };
  if (options.dryRun) return { ...found, status: 'dry-run' };

  const record: SynthesisRecord = {
    agent,
    iteration: state.n,
    status: 'candidate',
    engineer,
    limits: project.config.synthesis,
    base: { branch: base.branch, commit: base.commit },
    blueprintHash: committed.blueprint.hash,
    candidateHash: result.candidateHash,
    files,
    attempts: result.attempts,
  };
  await writeRcFiles(storeDir, state, result.patch, result.intent);
  await writeSynthesisRecord(storeDir, state, record);
  const rc = await commitCandidate({
    repo,
    base: base.commit,
    branch: rcBranchName(prefix, agent, state.n),
    worktree: join(storeLayout(storeDir).worktreesDir, agent, `rc-${state.n}`),
    agentPath,
    files: result.files,
    candidateHash: result.candidateHash,
    message: commitMessage({ agent, n: state.n, intent: result.intent, simulated: engineer.simulated, base: base.commit, attempts: result.attempts.length }),
  });
  if (rc.reused) logger.info(`synthesize: ${rc.branch} already held this candidate (an earlier run stopped before recording it); recorded it`);
  await writeSynthesisRecord(storeDir, state, { ...record, rcBranch: rc.branch, rcCommit: rc.commit });
  await markCompleted(storeDir, state, 'synthesize', { rcBranch: rc.branch, rcCommit: rc.commit, baselineCommit: base.commit });
  return { ...found, status: 'committed', rcBranch: rc.branch, rcCommit: rc.commit, worktree: rc.worktree };
}

async function askEngineer(options: SynthesizeStageOptions, state: IterationState, brief: EngineerBrief, committed: CommittedBlueprint, logger: Logger) {
  const { project } = options;
  const simulated = project.config.endpoints.engineer.baseURL === 'sim';
  const models = options.models ?? (await openModelLayer(project, { simSuites: simulated ? await simSuitesFor(project, state) : [], logger }));
  try {
    const client = models.client('engineer');
    const result = await synthesizeCandidate({
      blueprint: committed.blueprint,
      symlinks: committed.symlinks,
      spec: brief.spec,
      exemplars: brief.exemplars,
      client,
      limits: project.config.synthesis,
      // Each iteration draws its own reply; a rerun of the same iteration replays it from the cache.
      sampleIndex: state.n,
      ...(options.signal ? { signal: options.signal } : {}),
      logger,
    });
    return { result, engineer: { model: client.model, simulated: client.simulated } };
  } finally {
    if (!options.models) await models.close();
  }
}

async function recordNoCandidate(
  storeDir: string,
  state: IterationState,
  fields: Pick<SynthesisRecord, 'status' | 'reason' | 'blueprintHash' | 'attempts'> & { base: { branch: string; commit: string }; engineer?: SynthesisRecord['engineer'] },
  project: Project,
): Promise<void> {
  const { base, engineer, ...rest } = fields;
  await writeSynthesisRecord(storeDir, state, {
    agent: state.agent,
    iteration: state.n,
    engineer: engineer ?? { model: '', simulated: project.config.endpoints.engineer.baseURL === 'sim' },
    limits: project.config.synthesis,
    base: { branch: base.branch, commit: base.commit },
    ...rest,
  });
  await markCompleted(storeDir, state, 'synthesize', { outcome: 'no-candidate' });
}

async function alreadyCommitted(storeDir: string, state: IterationState): Promise<SynthesizeStageResult> {
  const recorded = await readRecorded(storeDir, state);
  const record = recorded.record;
  return {
    agent: state.agent,
    iteration: state.n,
    status: 'already-committed',
    rcBranch: state.rcBranch,
    rcCommit: state.rcCommit,
    ...(record ? { engineer: record.engineer, base: { ...record.base, created: false }, files: record.files } : {}),
    ...(recorded.patch === undefined ? {} : { patch: recorded.patch }),
    ...(recorded.intent === undefined ? {} : { intent: recorded.intent }),
    attempts: record?.attempts ?? [],
  };
}

/** The agent folder's path inside the repository (the project may sit in a subfolder of it). */
async function agentPathIn(repo: Repo, project: Project, agent: string): Promise<string> {
  const root = await realpath(project.root);
  const rel = root === repo.root ? '' : root.slice(repo.root.length + 1).split(/[\\/]/).join('/');
  return rel === '' ? `agents/${agent}` : `${rel}/agents/${agent}`;
}

/** A baseline run of other files than the version line (an uncommitted edit, say) is worth a warning. */
async function warnIfBaselineDiffers(project: Project, state: IterationState, committed: CommittedBlueprint, logger: Logger): Promise<void> {
  if (!state.baselineRunId) return;
  try {
    const manifest = JSON.parse(await readFile(storeLayout(project.storeDir).runManifest(state.baselineRunId), 'utf8')) as { blueprintHash?: string };
    if (manifest.blueprintHash && manifest.blueprintHash !== committed.blueprint.hash) {
      logger.warn(
        `the baseline run ${state.baselineRunId} played blueprint ${manifest.blueprintHash.slice(0, 12)}, but the version line holds ${committed.blueprint.hash.slice(0, 12)}: the RC changes the version line's files (commit the agent before running, so the two agree)`,
      );
    }
  } catch {
    // No manifest to compare with: nothing to say.
  }
}
