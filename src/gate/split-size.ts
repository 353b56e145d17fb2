/**
 * Whether a split has enough examples for a rate threshold to mean what it says. With n
 * examples a rate moves in steps of 1/n; when one example is already more than the threshold,
 * the rule can only mean "none at all", and pass rates such as `100.0% → 100.0%` say little.
 * Pure: used by the gate's own reasons (so every report shows it) and by `validate`.
 */
export interface SplitTooSmall {
  examples: number;
  /** The share one example is of the split. */
  step: number;
  threshold: number;
  /** The fewest examples for which one example is within the threshold. */
  needed: number;
}

/** Null when the split is large enough, the threshold is 0 (it means "none" by design) or the split is empty. */
export function splitTooSmall(examples: number, threshold: number): SplitTooSmall | null {
  if (examples <= 0 || threshold <= 0) return null;
  const needed = Math.ceil(1 / threshold - 1e-9);
  return examples < needed ? { examples, step: 1 / examples, threshold, needed } : null;
}

/** `with 2 holdout examples one regression is a drop of 50.0%, over the 2.0% allowed: …` */
export function holdoutTooSmallText(small: SplitTooSmall): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return `with ${small.examples} holdout example${small.examples === 1 ? '' : 's'} one regression is a drop of ${pct(small.step)}, over the ${pct(small.threshold)} allowed: the rule can only mean "no net holdout regression"; about ${small.needed} holdout examples would let it mean ${pct(small.threshold)}`;
}
