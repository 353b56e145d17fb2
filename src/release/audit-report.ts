import { join } from 'node:path';
import type { Project } from '../config/index.js';
import { AgentdevelError } from '../core/errors.js';
import type { LedgerEntry } from '../core/ledger.js';
import { outcomeReducer, type Outcomes } from '../gate/index.js';
import { buildReport, ITERATION_FILES, readIterationFolder, readSymptomHistory, renderReport, reportInput, type CheckSubject, type Missing, type Report, type UsageInput } from '../report/index.js';
import { readRunManifest, readRunRecords } from '../run/index.js';
import { exists, storeLayout, type IterationState } from '../store/index.js';
import { evidenceKeys, FlipRecords, readEvidence } from './evidence-records.js';

/**
 * The iteration's report document, the one source of every audit report (the Markdown committed
 * next to the ledger line, the files the release loop writes in every format, and `agentdevel
 * report`): the iteration folder, both runs' outcomes and the agent's use, and the ledger given,
 * this iteration as the charts' last point. Whatever is absent is named in the report, after
 * the folder's own notes and the caller's (`missing`: a ledger it could not read, say). Reads
 * only; nothing is written, so a dry run may use it.
 */
export async function buildAuditReport(project: Project, state: IterationState, ledger: readonly LedgerEntry[], now: Date, missing: Missing = []): Promise<Report> {
  return buildFolderReport(project, { dir: storeLayout(project.storeDir).iterationDir(state.agent, state.n), state, ledger, now, missing });
}

/**
 * The report document of a decision's folder (an iteration's, or a check's with `check` set, whose
 * folder holds no critique, diagnosis, intent or patch: those are not named missing).
 */
export async function buildFolderReport(
  project: Project,
  input: { dir: string; state: IterationState; ledger: readonly LedgerEntry[]; now: Date; missing?: Missing; check?: CheckSubject },
): Promise<Report> {
  const { state, ledger } = input;
  const layout = storeLayout(project.storeDir);
  const folder = await readIterationFolder(input.dir);
  // A check (or an iteration promoted from one: check.json in its folder) had no critic, diagnosis or engineer: none of theirs is missing.
  if (input.check || (await exists(join(input.dir, 'check.json')))) folder.missing = folder.missing.filter((m) => m.file === ITERATION_FILES.gate || m.file === ITERATION_FILES.iteration);
  folder.missing.push(...(input.missing ?? []));
  const earlier = ledger.map((e) => e.iteration).filter((n) => n !== state.n);
  const symptomHistory = await readSymptomHistory((n) => layout.iterationDir(state.agent, n), earlier, folder.missing);
  const flipRecords = new FlipRecords(evidenceKeys(folder.gate ?? null));
  const runs = await readRuns(project.storeDir, state, folder.missing, flipRecords);
  const evidence = await readEvidence(project, runs.suites, flipRecords, folder.missing);
  return buildReport(
    reportInput({
      agent: state.agent,
      iteration: state.n,
      generatedAt: input.now.toISOString(),
      ...folder,
      ledger,
      symptomHistory,
      outcomes: runs.outcomes,
      agentUsage: runs.usage,
      simulated: runs.simulated,
      evidence,
      // A check's folder has no iteration.json: its runs and commits are the ones given.
      ...(input.check ? { state, check: input.check } : {}),
    }),
  );
}

/** The audit report in Markdown (committed next to the ledger line) and its document (its usage goes into the ledger line). */
export async function renderAuditReport(project: Project, state: IterationState, ledger: readonly LedgerEntry[], now: Date): Promise<{ markdown: string; report: Report }> {
  const report = await buildAuditReport(project, state, ledger, now);
  return { markdown: renderReport(report, 'md'), report };
}

/**
 * Both runs reduced per example (every example then is listed, not only the flips), the agent
 * role's use summed from their records, and whether either was simulated. A run not in this
 * store is named missing: only the flips are listed then.
 */
async function readRuns(
  storeDir: string,
  state: IterationState,
  missing: Missing,
  flips: FlipRecords,
): Promise<{ outcomes: { baseline: Outcomes; candidate: Outcomes } | null; usage: UsageInput | null; simulated: boolean; suites: string[] }> {
  const usage: UsageInput = { role: 'agent', calls: 0, cacheHits: 0, promptTokens: 0, completionTokens: 0, cost: null };
  let simulated = false;
  const suites = new Set<string>();
  const read = async (runId: string | undefined, label: string, side: 'baseline' | 'candidate'): Promise<Outcomes | null> => {
    if (runId === undefined) return null;
    try {
      const manifest = await readRunManifest(storeDir, runId);
      simulated ||= manifest.model.simulated;
      for (const s of manifest.suites ?? []) suites.add(s.name);
    } catch (error) {
      if (!(error instanceof AgentdevelError && error.code === 'ENOT_FOUND')) throw error;
      missing.push({ file: `run ${runId}`, meaning: `the ${label} run is not in this store: only flipped examples are listed` });
      return null;
    }
    const reducer = outcomeReducer();
    for await (const record of readRunRecords(storeDir, runId)) {
      reducer.add(record);
      flips.add(side, record);
      usage.calls += record.usage.calls;
      usage.cacheHits += record.usage.cacheHits;
      usage.promptTokens += record.usage.promptTokens;
      usage.completionTokens += record.usage.completionTokens;
    }
    return reducer.result();
  };
  const baseline = await read(state.baselineRunId, 'baseline', 'baseline');
  const candidate = await read(state.rcRunId, 'release candidate', 'candidate');
  return { outcomes: baseline && candidate ? { baseline, candidate } : null, usage: usage.calls > 0 ? usage : null, simulated, suites: [...suites] };
}
