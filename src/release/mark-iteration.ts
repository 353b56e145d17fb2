import type { LedgerDecision } from '../core/ledger.js';
import { markCompleted, readIteration, type IterationState } from '../store/index.js';

/**
 * Notes in the store's iteration.json that the decision is in git (`completed.promote`, and the
 * outcome). Written after git, so a crash before it only means a rerun finds the ledger line
 * and writes it then.
 */
export async function markRecorded(storeDir: string, given: IterationState, decision: LedgerDecision): Promise<void> {
  const state = await readIteration(storeDir, given.agent, given.n).catch(() => given);
  if (state.completed.promote && state.outcome === decision) return;
  await markCompleted(storeDir, state, 'promote', { outcome: decision });
}
