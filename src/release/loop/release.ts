import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { loadGatePolicy, listYamlNames, projectPaths, type Project } from '../../config/index.js';
import { fail } from '../../core/errors.js';
import { commitOf } from '../../core/git/index.js';
import { silentLogger, type Logger } from '../../core/log.js';
// The one reader of an agent folder from git's objects.
import { readCommittedBlueprint } from '../../synthesis/git/read-blueprint.js';
import { rcWorktreePath, removeRcWorktree } from '../../synthesis/git/rc-worktree.js';
import { openModelLayer, type ModelLayerOptions } from '../../llm/index.js';
import { silentProgress, type ProgressSink } from '../../run/index.js';
import { writeJsonAtomic, storeLayout } from '../../store/index.js';
import { loadSuites } from '../../suite/index.js';
import { preflight } from '../git/preflight.js';
import { readLineLedger } from '../ledger/read.js';
import { ensureVersionLine, openReleaseLine, type ReleaseLine } from '../line.js';
import { acquireReleaseLock } from '../lock.js';
import { agentPathOf } from './agent-path.js';
import { runReleaseLine } from './core.js';
import { nextIterationNumber, readPlan, writePlan, type ReleasePlan } from './plan.js';
import type { RecordSummary } from './record-step.js';
import { reportFiles } from './report-step.js';
import { storedStages } from './stored-stages.js';
import type { IterationResult, LineResult } from './types.js';

export interface ReleaseOptions {
  project: Project;
  agent: string;
  /** Default: release.iterations of agentdevel.yaml. */
  iterations?: number | undefined;
  /** Default: release.suites, else every suite under specs/. */
  suites?: string[] | undefined;
  /** Default: release.gate. */
  gate?: string | undefined;
  /** Everything but git: one iteration, in a store of its own (`<store>/dry-run`), nothing committed, tagged or moved. */
  dryRun?: boolean | undefined;
  logger?: Logger | undefined;
  signal?: AbortSignal | undefined;
  progress?: ((label: string) => ProgressSink) | undefined;
  onIteration?: ((result: IterationResult) => void) | undefined;
  onStage?: ((n: number, stage: string) => void) | undefined;
  /** Settings of the model layer (simulated faults, cache), for tests. */
  modelOptions?: Omit<ModelLayerOptions, 'simSuites' | 'logger'> | undefined;
}

export interface ReleaseResult extends LineResult {
  agent: string;
  dryRun: boolean;
  /** This release continued one a kill had stopped. */
  continued: boolean;
  plan: ReleasePlan;
  branch: string;
  repo: string;
  /** The agent folder inside the repository, as git paths name it. */
  agentPath: string;
  ledger: string;
  simulated: boolean;
  /** The last iteration's report files (every format). */
  reports: Record<'md' | 'json' | 'junit' | 'html', string> | null;
  /** What recording each iteration did (or, in a dry run, would do). */
  records: Array<{ n: number } & RecordSummary>;
  /** Where this summary is written (JSON) in the store. */
  summaryFile: string;
  /** The remote to publish the line to (origin when there is one); null for a repository with no remote, such as the demo's. */
  remote: string | null;
}

/**
 * `agentdevel release`: iterations of the release loop on the store and git until a stop rule
 * fires, then the holdout evaluated once. Checks the repository first (preflight) and holds
 * the agent's release lock throughout, so two releases of one agent never interleave. The
 * loop itself is runReleaseLine over storedStages; this function only prepares them.
 */
export async function release(options: ReleaseOptions): Promise<ReleaseResult> {
  const { agent } = options;
  const dryRun = options.dryRun ?? false;
  const logger = options.logger ?? silentLogger;
  const line = await openReleaseLine(options.project, agent);
  await preflight(line);
  // Everything a release needs is checked before anything is written: the agent as committed, the suites, the gate.
  await checkCommittedAgent(line);
  const lock = dryRun ? undefined : await acquireReleaseLock(options.project.storeDir, agent, { purpose: 'release' });
  try {
    // A dry run works in a store of its own, emptied first: nothing it does is taken for a real iteration.
    const project = dryRun ? { ...options.project, storeDir: join(options.project.storeDir, 'dry-run') } : options.project;
    const ledger = await readLineLedger(line);
    const unfinished = dryRun ? undefined : await readPlan(project.storeDir, agent);
    const continued = unfinished !== undefined && unfinished.finishedAt === undefined;
    const plan: ReleasePlan = continued
      ? unfinished
      : {
          first: await nextIterationNumber(project.storeDir, agent, ledger),
          iterations: dryRun ? 1 : (options.iterations ?? project.config.release.iterations),
          suites: await chooseSuites(project, options.suites),
          gate: options.gate ?? project.config.release.gate,
          startedAt: new Date().toISOString(),
        };
    const suites = await loadSuites(project, plan.suites);
    const policy = await loadGatePolicy(project, plan.gate);
    if (continued) {
      const began = `begun at ${plan.startedAt}: iterations ${plan.first} to ${plan.first + plan.iterations - 1}, gate ${plan.gate}, suites ${plan.suites.join(', ')}`;
      const differ = conflictsWithPlan(plan, options);
      if (differ.length > 0) {
        fail('EUSAGE', `an unfinished release of ${agent} (${began}) continues as it began, and ${differ.join(', ')} differ${differ.length === 1 ? 's' : ''} from it`, {
          data: { plan, differ },
          details: `Rerun without ${differ.length === 1 ? 'it' : 'them'} to continue that release, or end it first with \`agentdevel release --abandon\` (what it had begun is recorded as abandoned) and rerun with ${differ.length === 1 ? 'it' : 'them'}.`,
        });
      }
      logger.info(`continuing the release of ${agent} ${began} (end it instead: agentdevel release --abandon)`);
    }
    if (dryRun) await rm(project.storeDir, { recursive: true, force: true });
    else {
      await ensureVersionLine(line);
      if (!continued) await writePlan(project.storeDir, agent, plan);
    }
    const simSuites = suites.map((s) => ({ name: s.name, sim: s.config.sim, examples: s.examples }));
    const models = await openModelLayer(project, { ...options.modelOptions, simSuites, logger });
    const records = new Map<number, RecordSummary>();
    let outcome: LineResult;
    try {
      const stages = storedStages({ project, agent, line, suites, policy, models, dryRun, logger, signal: options.signal, progress: options.progress ?? (() => silentProgress), recorded: records });
      outcome = await runReleaseLine(stages, {
        first: plan.first,
        limits: {
          iterations: plan.iterations,
          maxConsecutiveRejections: project.config.release.maxConsecutiveRejections,
          budget: project.config.release.budget,
          maxHoldoutDrop: policy.holdout.maxDrop,
        },
        ...(options.onIteration ? { onIteration: options.onIteration } : {}),
        ...(options.onStage ? { onStage: options.onStage } : {}),
      });
    } finally {
      await models.close();
      // Recording removes an RC's worktree; an iteration that failed before its record leaves it: removed here.
      if (!dryRun) await removeWorktrees(line, plan, logger);
    }
    const last = outcome.iterations[outcome.iterations.length - 1]!;
    const summaryFile = join(storeLayout(project.storeDir).iterationsDir(agent), 'release-summary.json');
    const result: ReleaseResult = {
      agent,
      dryRun,
      continued,
      plan,
      branch: line.branch,
      repo: line.repo.root,
      agentPath: agentPathOf(line),
      ledger: line.ledgerPath,
      simulated: Object.values(project.config.endpoints).some((e) => e.baseURL === 'sim'),
      reports: reportFiles(project.storeDir, { agent, n: last.n }),
      records: [...records].map(([n, r]) => ({ n, ...r })),
      summaryFile,
      remote: await publishRemote(line),
      ...outcome,
    };
    await writeJsonAtomic(summaryFile, result);
    if (!dryRun) await writePlan(project.storeDir, agent, { ...plan, finishedAt: new Date().toISOString() });
    return result;
  } finally {
    await lock?.release();
  }
}

async function removeWorktrees(line: ReleaseLine, plan: ReleasePlan, logger: Logger): Promise<void> {
  for (let n = plan.first; n < plan.first + plan.iterations; n++) {
    await removeRcWorktree(line.repo, rcWorktreePath(line.storeDir, line.agent, n)).catch((error: unknown) => logger.warn(`release: the worktree of ${line.agent}'s RC ${n} was not removed: ${(error as Error).message}`));
  }
}

async function publishRemote(line: ReleaseLine): Promise<string | null> {
  const remotes = (await line.repo.git.getRemotes()).map((r) => r.name);
  return remotes.includes('origin') ? 'origin' : (remotes[0] ?? null);
}

/** The agent folder must be committed where the release starts (the version line's tip, or HEAD before the line exists). */
async function checkCommittedAgent(line: ReleaseLine): Promise<void> {
  const start = (await commitOf(line.repo.git, `refs/heads/${line.branch}`)) ?? (await commitOf(line.repo.git, 'HEAD'));
  if (!start) return fail('EGIT', `the repository at ${line.repo.root} has no commit yet, so the version line ${line.branch} cannot start`, { details: 'Commit the agent first (git add agents && git commit), then rerun.' });
  await readCommittedBlueprint(line.repo, start, agentPathOf(line), line.agent, join(line.repo.root, ...agentPathOf(line).split('/')));
}

/** --suite as given, else the release's suites in agentdevel.yaml, else every suite under specs/. */
async function chooseSuites(project: Project, given: string[] | undefined): Promise<string[]> {
  if (given && given.length > 0) return given;
  if (project.config.release.suites.length > 0) return project.config.release.suites;
  return listYamlNames(projectPaths.specsDir(project));
}

/** The flags given explicitly that differ from an unfinished release's plan. */
function conflictsWithPlan(plan: ReleasePlan, options: ReleaseOptions): string[] {
  const differ: string[] = [];
  if (options.iterations !== undefined && options.iterations !== plan.iterations) differ.push(`--iterations ${options.iterations}`);
  if (options.gate !== undefined && options.gate !== plan.gate) differ.push(`--gate ${options.gate}`);
  if (options.suites?.length && [...options.suites].sort().join(',') !== [...plan.suites].sort().join(',')) differ.push(`--suite ${options.suites.join(' ')}`);
  return differ;
}
