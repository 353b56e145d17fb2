import type { Reporter, TestModule } from 'vitest/node';

/**
 * One line at the end of a test run saying what was skipped and why, so a contributor sees at
 * a glance that only the checks needing something absent (the full data sets, a browser, PID
 * namespaces) did not run. A conditional skip names its reason in its own or a parent's name as
 * `(skipped: <reason>)`.
 */
export default class SkipSummary implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const skipped: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) if (test.result().state === 'skipped') skipped.push(test.fullName);
    }
    const line = skipSummary(skipped);
    if (line) process.stdout.write(`\n${line}\n`);
  }
}

/** `skipped 7 tests: 5 (the full data sets … are absent), 2 (no headless Chromium …)`, or undefined when none was skipped. */
export function skipSummary(skippedNames: readonly string[]): string | undefined {
  if (skippedNames.length === 0) return undefined;
  const byReason = new Map<string, number>();
  for (const name of skippedNames) {
    const reason = [...name.matchAll(/\(skipped: ([^)]*)\)/g)].map((m) => m[1]!)[0] ?? 'no reason given';
    byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  }
  const parts = [...byReason].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([reason, n]) => `${n} (${reason})`);
  return `skipped ${skippedNames.length} test${skippedNames.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}
