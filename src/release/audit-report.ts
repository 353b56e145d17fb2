import type { Project } from '../config/index.js';
import type { LedgerEntry } from '../core/ledger.js';
import { outcomesOfStream, type Outcomes } from '../gate/index.js';
import { buildReport, readIterationFolder, readSymptomHistory, renderReport, reportInput, type Report } from '../report/index.js';
import { readRunManifest, readRunRecords } from '../run/index.js';
import { listIterations, storeLayout, type IterationState } from '../store/index.js';

/**
 * The iteration's report document, the one source of every audit report (the Markdown committed
 * next to the ledger line, and the files the release loop writes in every format): the
 * iteration folder, both runs' outcomes and the ledger on the line so far, this iteration as
 * the charts' last point. Reads only; nothing is written, so a dry run may use it.
 */
export async function buildAuditReport(project: Project, state: IterationState, ledger: readonly LedgerEntry[], now: Date): Promise<Report> {
  const layout = storeLayout(project.storeDir);
  const folder = await readIterationFolder(layout.iterationDir(state.agent, state.n));
  const earlier = (await listIterations(project.storeDir, state.agent)).filter((n) => n < state.n);
  const symptomHistory = await readSymptomHistory((n) => layout.iterationDir(state.agent, n), earlier, folder.missing);
  const outcomes = await bothOutcomes(project.storeDir, state);
  const simulated = state.baselineRunId ? (await readRunManifest(project.storeDir, state.baselineRunId)).model.simulated : false;
  return buildReport(reportInput({ agent: state.agent, iteration: state.n, generatedAt: now.toISOString(), ...folder, outcomes, ledger, symptomHistory, simulated }));
}

/** The audit report in Markdown (committed next to the ledger line) and its document (its usage goes into the ledger line). */
export async function renderAuditReport(project: Project, state: IterationState, ledger: readonly LedgerEntry[], now: Date): Promise<{ markdown: string; report: Report }> {
  const report = await buildAuditReport(project, state, ledger, now);
  return { markdown: renderReport(report, 'md'), report };
}

async function bothOutcomes(storeDir: string, state: IterationState): Promise<{ baseline: Outcomes; candidate: Outcomes } | null> {
  if (!state.baselineRunId || !state.rcRunId) return null;
  return { baseline: await outcomesOfStream(readRunRecords(storeDir, state.baselineRunId)), candidate: await outcomesOfStream(readRunRecords(storeDir, state.rcRunId)) };
}
