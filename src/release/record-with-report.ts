import type { LedgerEntry } from '../core/ledger.js';
import type { Report } from '../report/index.js';
import { renderAuditReport } from './audit-report.js';
import { confirmationRuns } from './gating/confirm.js';
import { readConfirmation } from './gating/stage.js';
import { recordDecision, type RecordDecisionInput } from './record.js';
import type { RecordResult } from './result.js';

export type RecordWithReportInput = Omit<RecordDecisionInput, 'agent' | 'report' | 'usage' | 'confirmationRuns' | 'now'> & {
  /** The ledger on the line, as the report's charts show it. */
  ledger: readonly LedgerEntry[];
  /** The report's time and the ledger line's. */
  now: Date;
};

/**
 * Records an iteration stage by stage (`agentdevel promote`, `agentdevel record`): the audit
 * report rendered now is committed next to the ledger line, its usage goes into the line, and
 * the gate's confirmation runs are named there; the agent is the iteration's. Returns the report too (whether it was simulated).
 */
export async function recordWithAuditReport(input: RecordWithReportInput): Promise<{ result: RecordResult; report: Report }> {
  const { ledger, now, ...rest } = input;
  const { markdown, report } = await renderAuditReport(input.project, input.iteration, ledger, now);
  const confirmation = await readConfirmation(input.project.storeDir, input.iteration);
  const result = await recordDecision({
    ...rest,
    agent: input.iteration.agent,
    report: markdown,
    usage: report.usage,
    confirmationRuns: confirmationRuns(confirmation),
    now: () => now,
  });
  return { result, report };
}
