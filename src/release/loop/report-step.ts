import type { Project } from '../../config/index.js';
import type { LedgerEntry } from '../../core/ledger.js';
import { outcomesOfStream, type Outcomes } from '../../gate/index.js';
import { buildReport, renderReport, reportFileNames, reportFormats, reportInput, type ReportFormat } from '../../report/index.js';
import { readIterationFolder, readSymptomHistory } from '../../report/read.js';
import { readRunManifest, readRunRecords } from '../../run/read-records.js';
import { iterationFile, listIterations, markCompleted, storeLayout, writeFileAtomic, type IterationState } from '../../store/index.js';

export interface WrittenReport {
  /** Every format's file in the iteration folder. */
  files: Record<ReportFormat, string>;
  /** The Markdown: the audit report committed with the ledger line. */
  markdown: string;
}

/**
 * The iteration's report in every format (Markdown, JSON, JUnit, HTML) in its folder, each file
 * written atomically, from the iteration's files, both runs' outcomes and the ledger so far
 * (the charts run along the version line, this iteration as its last point).
 */
export async function writeIterationReport(project: Project, state: IterationState, ledger: readonly LedgerEntry[], now: Date = new Date()): Promise<WrittenReport> {
  const storeDir = project.storeDir;
  const layout = storeLayout(storeDir);
  const folder = await readIterationFolder(layout.iterationDir(state.agent, state.n));
  const earlier = (await listIterations(storeDir, state.agent)).filter((n) => n < state.n);
  const symptomHistory = await readSymptomHistory((n) => layout.iterationDir(state.agent, n), earlier, folder.missing);
  const outcomes = await bothOutcomes(storeDir, state);
  const simulated = await simulatedRun(storeDir, state.baselineRunId);
  const report = buildReport(
    reportInput({ agent: state.agent, iteration: state.n, generatedAt: now.toISOString(), ...folder, outcomes, ledger, symptomHistory, simulated }),
  );
  const files = {} as Record<ReportFormat, string>;
  let markdown = '';
  for (const format of reportFormats) {
    const text = renderReport(report, format);
    const path = iterationFile(storeDir, state.agent, state.n, reportFileNames[format]);
    await writeFileAtomic(path, text);
    files[format] = path;
    if (format === 'md') markdown = text;
  }
  await markCompleted(storeDir, state, 'report');
  return { files, markdown };
}

/** The report files of an iteration, whether written yet or not. */
export function reportFiles(storeDir: string, state: Pick<IterationState, 'agent' | 'n'>): Record<ReportFormat, string> {
  return Object.fromEntries(reportFormats.map((f) => [f, iterationFile(storeDir, state.agent, state.n, reportFileNames[f])])) as Record<ReportFormat, string>;
}

async function bothOutcomes(storeDir: string, state: IterationState): Promise<{ baseline: Outcomes; candidate: Outcomes } | null> {
  if (!state.baselineRunId || !state.rcRunId) return null;
  return { baseline: await outcomesOfStream(readRunRecords(storeDir, state.baselineRunId)), candidate: await outcomesOfStream(readRunRecords(storeDir, state.rcRunId)) };
}

async function simulatedRun(storeDir: string, runId: string | undefined): Promise<boolean> {
  if (!runId) return false;
  return (await readRunManifest(storeDir, runId)).model.simulated;
}
