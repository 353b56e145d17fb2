import type { OutcomeCounts, RunSummary } from './summary.js';

export const SIMULATED_NOTE = 'simulated world: these results come from agentdevel\'s built-in simulated model, not from a real one';

function percent(rate: number | null): string {
  return rate === null ? '-' : `${(rate * 100).toFixed(1)}%`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map((row) => row.map((cell, column) => (column <= 1 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ').trimEnd());
}

function countsRow(label: string, split: string, counts: OutcomeCounts): string[] {
  return [label, split, String(counts.records), String(counts.pass), String(counts.fail), String(counts.error), percent(counts.passRate)];
}

/** The human summary of a run: pass rate per suite and split, fail and error counts, usage. */
export function renderSummary(summary: RunSummary): string {
  const lines: string[] = [];
  const shard = summary.shard ? ` (shard ${summary.shard.index}/${summary.shard.count})` : '';
  lines.push(`run ${summary.runId}${shard}: agent ${summary.agent}, model ${summary.model}`);
  if (summary.simulated) lines.push(`note: ${SIMULATED_NOTE}`);
  const rows = [['suite', 'split', 'records', 'pass', 'fail', 'error', 'pass rate']];
  for (const group of summary.groups) rows.push(countsRow(group.suite, group.split, group));
  if (summary.suites.length > 1) for (const suite of summary.suites) rows.push(countsRow(suite.suite, 'all', suite));
  rows.push(countsRow('total', '', summary.total));
  lines.push(...table(rows));
  lines.push('pass rate = pass / (pass + fail); error records are infrastructure faults and count neither way');
  const u = summary.recordUsage;
  lines.push(`agent usage over the records: ${u.calls} calls (${u.cacheHits} cached, ${u.retries} retries), ${u.promptTokens} prompt + ${u.completionTokens} completion tokens`);
  for (const [role, usage] of Object.entries(summary.roles)) {
    if (!usage || usage.calls === 0) continue;
    const cost = usage.cost > 0 ? `, cost ${usage.cost.toFixed(4)}` : '';
    lines.push(`${role} this invocation: ${usage.calls} calls (${usage.cacheHits} cached, ${usage.retries} retries, ${usage.failures} failed), ${usage.promptTokens} prompt + ${usage.completionTokens} completion tokens${cost}`);
  }
  if (summary.ran !== null) lines.push(`${summary.ran} record${summary.ran === 1 ? '' : 's'} run now, ${summary.total.records - summary.ran} kept from before`);
  if (!summary.complete) lines.push(`incomplete: ${summary.total.records} of ${summary.expected} records; rerun the same command to resume`);
  return lines.join('\n');
}
