import type { LedgerEntry } from '../../core/ledger.js';
import { replayLineBudget, type LineBudget } from '../../gate/index.js';

/**
 * What the version line has spent of its false-promotion budget, recomputed from the ledger's
 * lines alone (each net-benefit decision's alpha, spend, level and outcome): a ledger whose
 * numbers do not add up is refused (ELEDGER).
 */
export function lineBudgetOf(entries: readonly LedgerEntry[], ledgerPath: string): LineBudget {
  return replayLineBudget(
    entries.map((entry) => ({ iteration: entry.iteration, decision: entry.decision, budget: entry.gate?.budget ?? null })),
    ledgerPath,
  );
}

/** The regressions the line's promotions shipped knowingly, with the iteration that accepted each (the next diagnoses' known regressions). */
export function knownRegressionsOf(entries: readonly LedgerEntry[]): Array<{ key: string; iteration: number }> {
  return entries.flatMap((entry) => (entry.decision === 'accept' ? (entry.gate?.acceptedRegressions ?? []).map((key) => ({ key, iteration: entry.iteration })) : []));
}
