/**
 * The net-benefit e-value: a split likelihood ratio (universal inference) for the null hypothesis
 * "on the examples the gate saw flip, the candidate is not better": Σₑ (p′ₑ − pₑ) ≤ M, where pₑ
 * and p′ₑ are example e's true pass probabilities under the baseline and the candidate.
 *
 * The samples are split: the selection samples (the first runs, which found the flips, and the
 * first confirmation round, which kept the flips that held) choose the examples and estimate the
 * alternative's probabilities, shrunk towards ½; the likelihood is taken of the test samples only
 * (the later confirmation rounds: fresh, independent of the selection given the examples).
 * Divided by the largest likelihood any null parameter gives the same test samples, it is an
 * e-value: its expectation is at most 1 under the null, however the rounds were stopped (each
 * rerun is one factor of a likelihood-ratio martingale against the true null parameter, which
 * the supremum only lowers). So 1/E is a valid p-value, and E ≥ 1/level rejects "not better" at
 * that level.
 */

/** Pass/fail counts of one selected example, per side: the selection samples and the test samples. */
export interface FlipSamples {
  selection: { baseline: Counts; candidate: Counts };
  test: { baseline: Counts; candidate: Counts };
}

export interface Counts {
  pass: number;
  fail: number;
}

/** Pseudo-count towards ½ of the alternative's estimates: a fix seen twice (first run, first round) is read as p = 1/10 → p′ = 9/10. */
const SHRINK = 0.25;

export function splitLikelihoodEValue(flips: readonly FlipSamples[], margin: number): number {
  if (flips.length === 0) return 1;
  let logAlternative = 0;
  for (const flip of flips) {
    logAlternative += logLikelihood(flip.test.baseline, shrunk(flip.selection.baseline));
    logAlternative += logLikelihood(flip.test.candidate, shrunk(flip.selection.candidate));
  }
  const logNull = logNullMaximum(flips, margin * flips.length);
  return Math.exp(logAlternative - logNull);
}

function shrunk(counts: Counts): number {
  return (counts.pass + SHRINK) / (counts.pass + counts.fail + 2 * SHRINK);
}

function logLikelihood(counts: Counts, p: number): number {
  return term(counts.pass, p) + term(counts.fail, 1 - p);
}

function term(n: number, p: number): number {
  return n === 0 ? 0 : n * Math.log(p);
}

/**
 * The largest log likelihood of the test samples over the null Σ (p′ − p) ≤ bound. Unconstrained, each
 * side's maximum is its pass share; when those break the bound, the Lagrange condition gives each
 * p and p′ in closed form for a multiplier μ > 0 (a root of a quadratic), and μ is found by
 * bisection so that the bound holds with equality.
 */
function logNullMaximum(flips: readonly FlipSamples[], bound: number): number {
  const at = (mu: number) => {
    let gain = 0;
    let logL = 0;
    for (const { test } of flips) {
      const p = stationary(test.baseline, mu);
      const q = stationary(test.candidate, -mu);
      gain += q - p;
      logL += logLikelihood(test.baseline, p) + logLikelihood(test.candidate, q);
    }
    return { gain, logL };
  };
  const free = at(0);
  if (free.gain <= bound) return free.logL;
  let low = 0;
  let high = 1;
  while (at(high).gain > bound && high < 1e12) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-12 * high; i++) {
    const mid = (low + high) / 2;
    if (at(mid).gain > bound) low = mid;
    else high = mid;
  }
  return at(high).logL;
}

/**
 * argmax over p in [0, 1] of pass·log p + fail·log(1 − p) + mu·p: the root in [0, 1] of
 * mu·p² + (pass + fail − mu)·p − pass = 0 (p = pass share when mu = 0; no samples: 1 for mu > 0, 0 for mu < 0).
 */
function stationary(counts: Counts, mu: number): number {
  const { pass, fail } = counts;
  const n = pass + fail;
  if (mu === 0) return n === 0 ? 0.5 : pass / n;
  if (n === 0) return mu > 0 ? 1 : 0;
  if (pass === 0) return mu > 0 ? Math.max(0, 1 - fail / mu) : 0;
  if (fail === 0) return mu > 0 ? 1 : Math.min(1, pass / -mu);
  const b = n - mu;
  // The root in [0, 1]: written to avoid cancellation when b is large.
  const disc = Math.sqrt(b * b + 4 * mu * pass);
  return b >= 0 ? (2 * pass) / (b + disc) : (-b + disc) / (2 * mu);
}
