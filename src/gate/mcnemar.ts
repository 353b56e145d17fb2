/**
 * The exact McNemar test: under "no difference", each discordant pair is a P→F or an F→P with
 * probability ½, so the smaller count is binomial(n, ½). Two-sided p-value:
 * p = min(1, 2 · Σ_{i ≤ min(b, c)} C(n, i) / 2^n), with n = b + c.
 *
 * C(n, i) comes from the recurrence C(n, i) = C(n, i-1) · (n - i + 1) / i. Up to n = 1000 the
 * sum fits a double (Σ ≤ 2^1000), so it is summed directly, exact for small n; beyond, in log
 * space (log-sum-exp), so nothing overflows however large n grows.
 */
export function mcnemarExact(p2f: number, f2p: number): number {
  for (const [name, value] of [['p2f', p2f], ['f2p', f2p]] as const) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`mcnemarExact: ${name} must be a non-negative integer, got ${value}`);
  }
  const n = p2f + f2p;
  if (n === 0) return 1;
  const k = Math.min(p2f, f2p);
  return Math.min(1, n <= 1000 ? 2 * (binomialHeadSum(n, k) / 2 ** n) : 2 * Math.exp(logBinomialHeadSum(n, k) - n * Math.LN2));
}

/** Σ_{i ≤ k} C(n, i), directly. */
function binomialHeadSum(n: number, k: number): number {
  let term = 1;
  let sum = 1;
  for (let i = 1; i <= k; i++) {
    term = (term * (n - i + 1)) / i;
    sum += term;
  }
  return sum;
}

/** log Σ_{i ≤ k} C(n, i) for k ≤ n/2, where the last term is the largest. */
function logBinomialHeadSum(n: number, k: number): number {
  const logTerms = new Float64Array(k + 1);
  for (let i = 1; i <= k; i++) logTerms[i] = logTerms[i - 1]! + Math.log(n - i + 1) - Math.log(i);
  const largest = logTerms[k]!;
  let sum = 0;
  for (const term of logTerms) sum += Math.exp(term - largest);
  return largest + Math.log(sum);
}
