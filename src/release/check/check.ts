import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadGatePolicy, type Project } from '../../config/index.js';
import { hashValue } from '../../core/hash.js';
import type { Logger } from '../../core/log.js';
import type { GateResult } from '../../gate/index.js';
import type { ModelLayer } from '../../llm/types.js';
import { renderReport, reportFileNames, reportFormats, type Report, type ReportFormat } from '../../report/index.js';
import { executeRun, silentProgress, type ProgressSink } from '../../run/index.js';
import { exists, writeFileAtomic, writeJsonAtomic } from '../../store/index.js';
import { buildFolderReport } from '../audit-report.js';
import { confirmationRuns, type ConfirmationRecord } from '../gating/confirm.js';
import { readFlakyMemoryAt } from '../gating/flaky-file.js';
import { lineBudgetOf } from '../ledger/budget.js';
import { readLineLedger } from '../ledger/read.js';
import { CONFIRMATION_FILE, gateRuns } from '../gating/pair.js';
import { GATE_FILE } from '../gating/stage.js';
import { openReleaseLine } from '../line.js';
import { sampleRanges } from '../loop/sample-ranges.js';
import { CHECK_FILE, CHECK_SCHEMA_VERSION, checkDir, type CheckRecord } from './record.js';
import { changedFiles, resolveBase, resolveHead, type CheckedVersion } from './versions.js';

/**
 * A check takes the sample range of iteration 0, which the release loop never uses (its
 * iterations start at 1): its runs are those `agentdevel run` makes by default (sample base 0),
 * so runs made beforehand (a CI job's merged shards) are found in the store by their run id.
 */
export const CHECK_RANGES = sampleRanges(0);

export interface CheckOptions {
  project: Project;
  agent: string;
  /** A git ref; default: the version line's current version, else the merge base with the default branch. */
  base?: string | undefined;
  /** A git ref; default: the working tree as it is. */
  head?: string | undefined;
  /** A policy under gates/ or a file; default release.gate of agentdevel.yaml. */
  policy?: string | undefined;
  suites: string[];
  models?: ModelLayer | undefined;
  signal?: AbortSignal | undefined;
  progress?: ((label: string) => ProgressSink) | undefined;
  logger?: Logger | undefined;
  now?: () => Date;
}

export type CheckResult =
  | { status: 'same'; agent: string; base: CheckedVersion; head: CheckedVersion }
  | {
      status: 'checked';
      agent: string;
      base: CheckedVersion;
      head: CheckedVersion;
      /** The check's folder in the store (`checks/<agent>/<id>/`): check.json, gate.json and the report in every format. */
      dir: string;
      record: CheckRecord;
      result: GateResult;
      report: Report;
      files: Record<ReportFormat, string>;
      /** False when gate.json was found done and read back (the same check run again). */
      decided: boolean;
    };

/**
 * `agentdevel check`: the gate applied to any two versions of an agent, through the same code as
 * the release loop's gate (gateRuns: paired runs, confirmation reruns, the flaky memory, the
 * policy's decide) and the same report. Both versions run fresh on the same examples, seeds
 * and repeats (a run already in the store is reused by its id). It writes only under the store's
 * `checks/` (and the blueprints it reads from git under `worktrees/`): never a ref, a tag or the
 * version line; `promote --from-check` is the separate, explicit step that records it.
 */
export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  const { project, agent } = options;
  const line = await openReleaseLine(project, agent);
  const base = await resolveBase(project, line, options.base);
  const head = await resolveHead(project, line, options.head);
  if (base.hash === head.hash) return { status: 'same', agent, base, head };

  const policy = await loadGatePolicy(project, options.policy ?? project.config.release.gate);
  const progress = options.progress ?? (() => silentProgress);
  const common = {
    project,
    agent,
    suites: options.suites,
    sampleBase: CHECK_RANGES.runs,
    ...(options.models ? { models: options.models } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  };
  const [baseRun, headRun] = await Promise.all([
    executeRun({ ...common, agentDir: base.dir, progress: progress(`base run (${base.ref})`) }),
    executeRun({ ...common, agentDir: head.dir, progress: progress(`head run (${head.ref})`) }),
  ]);
  const runs = { baseline: baseRun.runId, candidate: headRun.runId };
  const id = hashValue({ agent, runs, policy }).slice(0, 16);
  const dir = checkDir(project.storeDir, agent, id);
  const gateFile = join(dir, GATE_FILE);
  const decidedBefore = await exists(gateFile);
  const gated = decidedBefore
    ? { result: JSON.parse(await readFile(gateFile, 'utf8')) as GateResult, confirmation: await readConfirmationRuns(dir) }
    : await gateRuns({
        project,
        agent,
        policy,
        runs,
        versions: { baseline: base.dir, candidate: head.dir },
        flakyMemory: await readFlakyMemoryAt(line.repo, base.flakyAt, line.releasesPath),
        // A check never spends the line's budget (it records nothing on the line); it is judged at the level the line's next decision would get.
        lineBudget: lineBudgetOf(await readLineLedger(line), line.ledgerPath),
        confirmationBase: CHECK_RANGES.confirmation,
        dir,
        models: options.models,
        signal: options.signal,
        progress: options.progress ? (side) => progress(`confirmation reruns (${side === 'baseline' ? base.ref : head.ref})`) : undefined,
        logger: options.logger,
      });
  if (!decidedBefore) await writeJsonAtomic(gateFile, gated.result);
  const now = (options.now ?? (() => new Date()))();
  const confirmations = confirmationRuns(gated.confirmation);
  const record: CheckRecord = {
    schemaVersion: CHECK_SCHEMA_VERSION,
    id,
    agent,
    base: { ref: base.ref, commit: base.commit, hash: base.hash },
    head: { ref: head.ref, commit: head.commit, hash: head.hash },
    runs: { ...runs, confirmation: confirmations },
    suites: baseRun.manifest.suites.map((s) => s.name),
    changedFiles: await changedFiles(line, base, head),
    policy: policy.name,
    decision: gated.result.decision,
    sampleBase: CHECK_RANGES.runs,
    checkedAt: now.toISOString(),
  };
  await writeJsonAtomic(join(dir, CHECK_FILE), record);
  const built = await buildFolderReport(project, {
    dir,
    state: { agent, n: 0, baselineRunId: runs.baseline, rcRunId: runs.candidate, baselineCommit: base.commit, ...(head.commit ? { rcCommit: head.commit } : {}), completed: {} },
    ledger: [],
    now,
    check: { base: { ref: base.ref, commit: base.commit }, head: { ref: head.ref, commit: head.commit } },
  });
  const report: Report = { ...built, runs: { ...built.runs, confirmation: confirmations } };
  const files = {} as Record<ReportFormat, string>;
  for (const format of reportFormats) {
    files[format] = join(dir, reportFileNames[format]);
    await writeFileAtomic(files[format], renderReport(report, format));
  }
  return { status: 'checked', agent, base, head, dir, record, result: gated.result, report, files, decided: !decidedBefore };
}

async function readConfirmationRuns(dir: string): Promise<ConfirmationRecord | null> {
  const path = join(dir, CONFIRMATION_FILE);
  return (await exists(path)) ? (JSON.parse(await readFile(path, 'utf8')) as ConfirmationRecord) : null;
}
