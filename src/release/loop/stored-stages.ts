import { readFile } from 'node:fs/promises';
import type { BlueprintFile } from '../../agent/index.js';
import type { GatePolicy, Project } from '../../config/index.js';
import { commitOf, listVersionTags } from '../../core/git/index.js';
import { fail } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import { critiqueRun } from '../../critic/run-stage.js';
import type { GateResult } from '../../gate/index.js';
import type { ModelLayer } from '../../llm/types.js';
import { executeRun, type ProgressSink, type RunSummary } from '../../run/index.js';
import { listIterations, markCompleted, openIteration, readIteration, storeLayout, writeIteration, type IterationState } from '../../store/index.js';
import type { LoadedSuite } from '../../suite/types.js';
import { synthesizeIteration } from '../../synthesis/index.js';
import { diagnoseIteration } from '../diagnose-iteration.js';
import { knownRegressionsOf, lineBudgetOf } from '../ledger/budget.js';
import { readFlakyMemoryAt } from '../gating/flaky-file.js';
import { runGateStage } from '../gating/stage.js';
import { gatherRefusals, type RefusalMemo } from '../history/gather.js';
import { readLineLedger } from '../ledger/read.js';
import type { ReleaseLine } from '../line.js';
import { agentPathOf } from './agent-path.js';
import { crashingProgress, crashPoint } from './crash-points.js';
import { dryCandidate } from './dry-candidate.js';
import { recordIteration, type RecordSummary } from './record-step.js';
import { reportFiles, writeIterationReport } from './report-step.js';
import { sampleRanges } from './sample-ranges.js';
import type { IterationStages, RunRef, SplitPassRates, VersionHandle } from './types.js';
import { iterationUsage, spentOf } from './usage.js';
import { checkoutVersion } from './version-checkout.js';

/** A version of the agent as the stored stages hand it on: its commit (null for a dry run's candidate) and its files under the store. */
export interface StoredVersion extends VersionHandle {
  commit: string | null;
  /** The agent folder the runs play. */
  dir: string;
  files: BlueprintFile[];
}

export interface StoredContext {
  /** The project; in a dry run its store is the dry run's own. */
  project: Project;
  agent: string;
  line: ReleaseLine;
  suites: LoadedSuite[];
  policy: GatePolicy & { name: string };
  /** One model layer for the whole release (one cache, one limiter per endpoint, one simulated world). */
  models: ModelLayer;
  dryRun: boolean;
  logger: Logger;
  signal?: AbortSignal | undefined;
  /** Progress of a run, by what it is (`baseline run`, `confirmation candidate`, …). */
  progress: (label: string) => ProgressSink;
  /** What each iteration's record did (steps, version), for the release's output. */
  recorded: Map<number, RecordSummary>;
}

/**
 * The iteration's stages on the store and git: each reads and writes the iteration's folder,
 * runs are journaled, outputs are written atomically and iteration.json says which stages are
 * complete, so calling a stage again for a stage already done finds its result (a killed
 * release resumes where it stopped). Git is read from objects and written only by synthesize
 * (the RC commit on its branch) and record (the version line); a dry run writes neither.
 */
export function storedStages(ctx: StoredContext): IterationStages<StoredVersion> {
  const { project, agent, line } = ctx;
  const storeDir = project.storeDir;
  const suiteNames = ctx.suites.map((s) => s.name);
  const read = (n: number) => readIteration(storeDir, agent, n);
  const checkout = async (commit: string, label: string): Promise<StoredVersion> => {
    const files = await checkoutVersion(line.repo, { commit, agentPath: agentPathOf(line), agent, storeDir });
    return { label, commit, dir: files.dir, files: files.files };
  };
  const candidates = new Map<number, StoredVersion>();
  const refusalMemo: RefusalMemo = new Map();
  const common = { models: ctx.models, logger: ctx.logger, ...(ctx.signal ? { signal: ctx.signal } : {}) };

  return {
    async begin(n) {
      const state = await pinIteration(ctx, n);
      const [tag] = await listVersionTags(line.repo, agent, { mergedInto: state.baselineCommit! });
      const version = await checkout(state.baselineCommit!, `v${tag?.version ?? 0}`);
      crashPoint('after-begin', n);
      return version;
    },

    async run(n, side, version) {
      const point = side === 'baseline' ? 'baseline-run' : 'candidate-run';
      const result = await executeRun({
        project,
        agent,
        agentDir: version.dir,
        suites: suiteNames,
        sampleBase: sampleRanges(n).runs,
        ...common,
        progress: crashingProgress(point, n, ctx.progress(`${side} run (${version.label})`)),
      });
      const state = await read(n);
      const field = side === 'baseline' ? 'baselineRunId' : 'rcRunId';
      const before = state[field];
      if (before !== undefined && before !== result.runId) {
        fail('EUSAGE', `iteration ${n} of agent "${agent}" was begun with the ${side} run ${before}, but the same run now has the id ${result.runId}: a suite, agentdevel.yaml or the world's settings changed since`, {
          details: `Restore what changed and rerun to continue the iteration, or remove ${storeLayout(storeDir).iterationDir(agent, n)} (and ${storeLayout(storeDir).iterationsDir(agent)}/release.json) to start it over.`,
        });
      }
      if (state.completed[side] === undefined) await markCompleted(storeDir, state, side, { [field]: result.runId });
      return { runId: result.runId, passRate: passRates(result.summary) };
    },

    async critique(n, baseline) {
      const state = await read(n);
      if (state.completed.critique === undefined) await critiqueRun({ project, runId: baseline.runId, iteration: n, ...common });
      crashPoint('after-critique', n);
    },

    async diagnose(n) {
      const state = await read(n);
      if (state.completed.diagnose === undefined) {
        await diagnoseIteration(project, state, {
          mustPass: () => ctx.suites.flatMap((suite) => suite.config.mustPass.map((id) => `${suite.name}/${id}`)),
          knownRegressions: knownRegressionsOf(await readLineLedger(line)),
          logger: ctx.logger,
        });
      }
      crashPoint('after-diagnose', n);
    },

    async synthesize(n, version) {
      const refusals = (before: number) => gatherRefusals({ project, line, suites: ctx.suites, before, memo: refusalMemo });
      const made = await synthesizeIteration({ project, agent, iteration: n, dryRun: ctx.dryRun, refusals, ...common });
      let result: Awaited<ReturnType<IterationStages<StoredVersion>['synthesize']>>;
      if (made.status === 'no-target' || made.status === 'no-candidate') result = { kind: made.status, reason: made.reason ?? made.status };
      else if (made.status === 'dry-run') result = { kind: 'candidate', candidate: await dryCandidate(project, await read(n), version, made) };
      else result = { kind: 'candidate', candidate: await checkout(made.rcCommit!, `rc-${n}`) };
      if (result.kind === 'candidate') candidates.set(n, result.candidate);
      crashPoint('after-synthesize', n);
      return result;
    },

    async gate(n, { version, candidate }) {
      const state = await read(n);
      const gated = await runGateStage({
        project,
        state,
        policy: ctx.policy,
        versions: { baseline: version.dir, candidate: candidate.dir },
        flakyMemory: await readFlakyMemoryAt(line.repo, state.baselineCommit!, line.releasesPath),
        lineBudget: lineBudgetOf(await readLineLedger(line), line.ledgerPath),
        confirmationBase: sampleRanges(n).confirmation,
        ...common,
        progress: (side) => crashingProgress('gate-reruns', n, ctx.progress(`confirmation reruns (${side === 'baseline' ? version.label : candidate.label})`)),
      });
      crashPoint('after-gate', n);
      return gated.result;
    },

    async report(n) {
      const state = await read(n);
      const written = state.completed.report !== undefined && (await readFile(reportFiles(storeDir, state).md, 'utf8').then(() => true, () => false));
      if (!written) await writeIterationReport(project, state, await readLineLedger(line));
      crashPoint('after-report', n);
    },

    async record(n, outcome: { gate: GateResult | null; reason?: string }) {
      const state = await read(n);
      const result = await recordIteration(ctx, state, outcome);
      ctx.recorded.set(n, result);
      crashPoint('after-record', n);
      if (ctx.dryRun) {
        const start = await checkout(state.baselineCommit!, `v${result.previous.number}`);
        const candidate = candidates.get(n);
        return result.decision === 'accept' && candidate ? { ...candidate, label: `v${result.version.number} (not made: dry run)` } : start;
      }
      return checkout(result.version.commit ?? state.baselineCommit!, `v${result.version.number}`);
    },

    async spent(n) {
      return spentOf(await iterationUsage(project, await read(n)));
    },

    async holdout(version, after) {
      const keys = ctx.suites.flatMap((suite) => suite.examples.filter((e) => e.split === 'holdout').map((e) => `${suite.name}/${e.id}`));
      if (keys.length === 0) return { runId: '', passRate: { dev: null, holdout: null } };
      const result = await executeRun({
        project,
        agent,
        agentDir: version.dir,
        suites: suiteNames,
        examples: keys,
        sampleBase: sampleRanges(after).holdout,
        ...common,
        progress: crashingProgress('holdout-run', after, ctx.progress(`holdout evaluation (${version.label})`)),
      });
      return { runId: result.runId, passRate: passRates(result.summary) };
    },
  };
}

/**
 * Iteration n's state with the commit it improves pinned: the version line's tip when the
 * iteration begins (a rejection's record on top of a version holds the same blueprint), kept
 * in iteration.json so that a resumed iteration runs the version it began with, even when its
 * own promotion already moved the line.
 */
async function pinIteration(ctx: StoredContext, n: number): Promise<IterationState> {
  const storeDir = ctx.project.storeDir;
  const exists = (await listIterations(storeDir, ctx.agent)).includes(n);
  const state = exists ? await readIteration(storeDir, ctx.agent, n) : undefined;
  if (state?.baselineCommit) return state;
  const tip = (await commitOf(ctx.line.repo.git, `refs/heads/${ctx.line.branch}`)) ?? (await commitOf(ctx.line.repo.git, 'HEAD'));
  if (!tip) return fail('EGIT', `the repository at ${ctx.line.repo.root} has no commit yet`, { details: 'Commit the agent first (git add agents && git commit), then rerun.' });
  if (!state) return openIteration(storeDir, ctx.agent, { baselineCommit: tip }, n);
  const pinned = { ...state, baselineCommit: tip };
  await writeIteration(storeDir, pinned);
  return pinned;
}

/** Pass rates per split over every suite of a run. */
export function passRates(summary: RunSummary): SplitPassRates {
  const rate = (split: 'dev' | 'holdout') => {
    const groups = summary.groups.filter((g) => g.split === split);
    const pass = groups.reduce((n, g) => n + g.pass, 0);
    const scored = pass + groups.reduce((n, g) => n + g.fail, 0);
    return scored === 0 ? null : pass / scored;
  };
  return { dev: rate('dev'), holdout: rate('holdout') };
}

export type { RunRef };
