/**
 * The exact McNemar test: under "no difference", each discordant pair is a P→F or an F→P with
 * probability ½, so the smaller count is binomial(n, ½). Two-sided p-value:
 * p = min(1, 2 · Σ_{i ≤ min(b, c)} C(n, i) / 2^n), with n = b + c.
 *
 * Computed in log space (log C(n, i) by a running sum of logs, then log-sum-exp), so it stays
 * exact to double precision for any n where 2^n overflows.
 */
export function mcnemarExact(p2f: number, f2p: number): number {
  for (const [name, value] of [['p2f', p2f], ['f2p', f2p]] as const) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`mcnemarExact: ${name} must be a non-negative integer, got ${value}`);
  }
  const n = p2f + f2p;
  if (n === 0) return 1;
  const k = Math.min(p2f, f2p);
  // logTerm(i) = log C(n, i) - n log 2, built up by C(n, i) = C(n, i-1) · (n - i + 1) / i.
  const logTerms: number[] = [];
  let logTerm = -n * Math.LN2;
  logTerms.push(logTerm);
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log(n - i + 1) - Math.log(i);
    logTerms.push(logTerm);
  }
  const largest = logTerms[logTerms.length - 1]!; // terms grow with i while i ≤ n/2
  let sum = 0;
  for (const term of logTerms) sum += Math.exp(term - largest);
  const logTail = largest + Math.log(sum);
  return Math.min(1, 2 * Math.exp(logTail));
}
