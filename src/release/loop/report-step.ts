import type { Project } from '../../config/index.js';
import type { LedgerEntry } from '../../core/ledger.js';
import { renderReport, reportFileNames, reportFormats, type ReportFormat } from '../../report/index.js';
import { iterationFile, markCompleted, writeFileAtomic, type IterationState } from '../../store/index.js';
import { buildAuditReport } from '../audit-report.js';

export interface WrittenReport {
  /** Every format's file in the iteration folder. */
  files: Record<ReportFormat, string>;
  /** The Markdown: the audit report committed with the ledger line. */
  markdown: string;
}

/**
 * The iteration's report in every format (Markdown, JSON, JUnit, HTML) in its folder, each file
 * written atomically, from the same document `agentdevel promote` commits (buildAuditReport).
 */
export async function writeIterationReport(project: Project, state: IterationState, ledger: readonly LedgerEntry[], now: Date = new Date()): Promise<WrittenReport> {
  const report = await buildAuditReport(project, state, ledger, now);
  const files = {} as Record<ReportFormat, string>;
  let markdown = '';
  for (const format of reportFormats) {
    const text = renderReport(report, format);
    const path = iterationFile(project.storeDir, state.agent, state.n, reportFileNames[format]);
    await writeFileAtomic(path, text);
    files[format] = path;
    if (format === 'md') markdown = text;
  }
  await markCompleted(project.storeDir, state, 'report');
  return { files, markdown };
}

/** The report files of an iteration, whether written yet or not. */
export function reportFiles(storeDir: string, state: Pick<IterationState, 'agent' | 'n'>): Record<ReportFormat, string> {
  return Object.fromEntries(reportFormats.map((f) => [f, iterationFile(storeDir, state.agent, state.n, reportFileNames[f])])) as Record<ReportFormat, string>;
}
