import { fail } from '../core/errors.js';
import type { GatePolicy } from '../config/index.js';
import type { GateDecision, LineBudgetUse } from './types.js';

/**
 * The version line's budget of false promotion (net-benefit mode), as an online closed-testing
 * procedure with forward-only weights (an online graphical procedure): decision t tests its null
 * hypothesis "the candidate is not better" at level
 *
 *   level_t = spend × (alpha − spent_t)
 *
 * where spent_t sums the levels of the line's earlier decisions that did not promote. A promotion
 * keeps its level on the line (its weight flows on to later decisions, geometrically), a refusal
 * spends it. The levels a line can ever spend sum to less than alpha, so, whatever the dependence
 * between decisions, the chance that any promotion on the line was of a candidate that is not
 * truly better is at most alpha. Every decision records what it used (LineBudgetUse) in gate.json
 * and the ledger, so anyone can recompute the spent budget from the ledger alone (replayLineBudget).
 */

/** What the line has spent before a decision. */
export interface LineBudget {
  spent: number;
  /** Decisions that used the budget so far. */
  decisions: number;
}

export const FRESH_LINE: LineBudget = Object.freeze({ spent: 0, decisions: 0 });

/** The level decision t tests at, from the policy and what the line has spent. */
export function levelOf(policy: Pick<GatePolicy, 'netBenefit'>, budget: LineBudget): number {
  return policy.netBenefit.spend * Math.max(0, policy.netBenefit.alpha - budget.spent);
}

/** What a decision used, for gate.json and the ledger. */
export function budgetUse(policy: Pick<GatePolicy, 'netBenefit'>, budget: LineBudget, decision: GateDecision, pValue: number): LineBudgetUse {
  const level = levelOf(policy, budget);
  const { alpha, spend, margin } = policy.netBenefit;
  return { alpha, spend, margin, level, pValue, spentBefore: budget.spent, spentAfter: decision === 'accept' ? budget.spent : budget.spent + level };
}

/** One recorded iteration as replayLineBudget reads it (a ledger line's decision and its budget use). */
export interface BudgetEntry {
  iteration: number;
  decision: GateDecision | 'no-candidate';
  budget?: LineBudgetUse | null | undefined;
}

/**
 * The line's budget after its recorded decisions, recomputed from each decision's alpha, spend and
 * outcome alone: each recorded level must equal the level those give, and each spentAfter what the
 * decision implies. A ledger that disagrees was edited or written by a different rule: refused
 * with the first iteration that disagrees.
 */
export function replayLineBudget(entries: Iterable<BudgetEntry>, where = 'ledger'): LineBudget {
  let budget: LineBudget = FRESH_LINE;
  for (const entry of entries) {
    const use = entry.budget;
    if (!use) continue;
    const policy = { netBenefit: { alpha: use.alpha, spend: use.spend, margin: use.margin } };
    const expected = budgetUse(policy, budget, entry.decision === 'accept' ? 'accept' : 'reject', use.pValue);
    if (!close(use.spentBefore, expected.spentBefore) || !close(use.level, expected.level) || !close(use.spentAfter, expected.spentAfter)) {
      fail('ELEDGER', `${where}: iteration ${entry.iteration}: the false-promotion budget does not add up (recorded spent ${use.spentBefore} → ${use.spentAfter} at level ${use.level}; the line's earlier decisions give ${expected.spentBefore} → ${expected.spentAfter} at level ${expected.level})`, {
        details: 'Each decision spends spend × (alpha − spent) unless it promoted. The ledger is written by agentdevel only; restore it from git history.',
      });
    }
    budget = { spent: expected.spentAfter, decisions: budget.decisions + 1 };
  }
  return budget;
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
}
