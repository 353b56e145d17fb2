import type { RegressionCause } from './account.js';
import type { NoiseLevel } from './levels.js';
import type { LineResult, PolicyLineResult } from './line.js';
import { clipped, estimate, type Estimate } from './stats.js';

/** What the study measures per line, each summarised over lines as a mean with a 95% t interval. */
export const METRICS = [
  { key: 'trueDev', label: 'true dev pass rate (final)', short: 'true dev', kind: 'rate', of: (r) => r.account.final.dev },
  { key: 'trueHoldout', label: 'true holdout pass rate (final)', short: 'true holdout', kind: 'rate', of: (r) => r.account.final.holdout },
  { key: 'observedDev', label: 'observed dev pass rate (final, fresh run)', short: 'obs. dev', kind: 'rate', of: (r) => r.observed.dev },
  { key: 'observedHoldout', label: 'observed holdout pass rate (final, fresh run)', short: 'obs. holdout', kind: 'rate', of: (r) => r.observed.holdout },
  { key: 'regressionsShipped', label: 'ground-truth regressions shipped (examples, summed over promotions)', short: 'regressions shipped', kind: 'count', of: (r) => r.account.regressionsShipped },
  { key: 'badReleases', label: 'bad releases (promotions that truly lower holdout)', short: 'bad releases', kind: 'count', of: (r) => r.account.badReleases },
  { key: 'linesWithBadRelease', label: 'share of lines with at least one bad release (the line-wide error a gate bounds)', short: 'lines w/ bad release', kind: 'rate', of: (r) => (r.account.badReleases > 0 ? 1 : 0) },
  { key: 'acceptedRegressions', label: 'regressions the gate named when promoting (confirmed P→F let through, in the ledger)', short: 'named regressions', kind: 'count', of: (r) => r.account.acceptedRegressions },
  { key: 'unnamedShipped', label: 'ground-truth regressions shipped that no ledger line names', short: 'unnamed shipped', kind: 'count', of: (r) => r.account.unnamedShipped },
  { key: 'wronglyRejected', label: 'good candidates rejected (true gain > 1 point)', short: 'good rejected', kind: 'count', of: (r) => r.account.wronglyRejected },
  { key: 'wronglyRejectedClean', label: 'good candidates rejected that broke nothing', short: 'clean good rejected', kind: 'count', of: (r) => r.account.wronglyRejectedClean },
  { key: 'observedP2FRate', label: 'observed P→F rate of promotions', short: 'obs. P→F rate', kind: 'rate', of: (r) => r.account.observedP2FRate },
  { key: 'promotions', label: 'promotions', short: 'promotions', kind: 'count', of: (r) => r.account.promotions },
  { key: 'calls', label: 'model calls', short: 'calls', kind: 'large', of: (r) => r.spent.calls },
  { key: 'callsPerIteration', label: 'model calls per iteration', short: 'calls/iter.', kind: 'large', of: (r) => (r.iterations === 0 ? null : r.spent.calls / r.iterations) },
  { key: 'tokens', label: 'tokens', short: 'tokens', kind: 'large', of: (r) => r.spent.tokens },
] as const satisfies ReadonlyArray<{ key: string; label: string; short: string; kind: 'rate' | 'count' | 'large'; of: (r: PolicyLineResult) => number | null }>;

export type MetricKey = (typeof METRICS)[number]['key'];

export interface SummaryRow {
  level: number;
  noise: NoiseLevel;
  policy: string;
  /** Lines summarised. */
  lines: number;
  metrics: Record<MetricKey, Estimate>;
}

/** Where every line of a level started: the true pass rates of the unchanged agent. */
export interface LevelStart {
  level: number;
  noise: NoiseLevel;
  trueDev: Estimate;
  trueHoldout: Estimate;
}

/** One row per (noise level, policy), in the order of levels, then policies as given. */
export function summarise(levels: readonly NoiseLevel[], policies: readonly string[], lines: readonly LineResult[]): SummaryRow[] {
  return levels.flatMap((noise, level) =>
    policies.map((policy) => {
      const results = lines.filter((l) => l.level === level).flatMap((l) => l.policies.filter((p) => p.policy === policy));
      const metrics = Object.fromEntries(METRICS.map((m) => [m.key, clipped(estimate(results.map((r) => m.of(r))), 0, m.kind === 'rate' ? 1 : Number.POSITIVE_INFINITY)])) as Record<MetricKey, Estimate>;
      return { level, noise, policy, lines: results.length, metrics };
    }),
  );
}

export function levelStarts(levels: readonly NoiseLevel[], lines: readonly LineResult[]): LevelStart[] {
  return levels.map((noise, level) => {
    const firsts = lines.filter((l) => l.level === level).map((l) => l.policies[0]?.account.start ?? { dev: null, holdout: null });
    return { level, noise, trueDev: clipped(estimate(firsts.map((s) => s.dev)), 0, 1), trueHoldout: clipped(estimate(firsts.map((s) => s.holdout)), 0, 1) };
  });
}

/** Totals over a level's lines for one policy: what refused the candidates, and where the regressions came from. */
export interface WhyRow {
  level: number;
  policy: string;
  candidates: number;
  promotions: number;
  refused: number;
  refusedBy: Record<string, number>;
  shippedCauses: Record<RegressionCause, number>;
  refusedGoodCauses: Record<RegressionCause, number>;
}

export function explain(levels: readonly NoiseLevel[], policies: readonly string[], lines: readonly LineResult[]): WhyRow[] {
  return levels.flatMap((_, level) =>
    policies.map((policy) => {
      const accounts = lines.filter((l) => l.level === level).flatMap((l) => l.policies.filter((p) => p.policy === policy).map((p) => p.account));
      const row: WhyRow = { level, policy, candidates: 0, promotions: 0, refused: 0, refusedBy: {}, shippedCauses: { reroll: 0, broad: 0, other: 0 }, refusedGoodCauses: { reroll: 0, broad: 0, other: 0 } };
      for (const a of accounts) {
        row.candidates += a.candidates;
        row.promotions += a.promotions;
        row.refused += a.rejections + a.inconclusive;
        for (const [rule, n] of Object.entries(a.refusedBy)) row.refusedBy[rule] = (row.refusedBy[rule] ?? 0) + n;
        for (const cause of ['reroll', 'broad', 'other'] as const) {
          row.shippedCauses[cause] += a.shippedCauses[cause];
          row.refusedGoodCauses[cause] += a.refusedGoodCauses[cause];
        }
      }
      return row;
    }),
  );
}
