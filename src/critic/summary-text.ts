import type { CritiqueRunResult } from './run-stage.js';

export const SIMULATED_CRITIC_NOTE = "simulated world: these labels come from agentdevel's built-in simulated critic, not from a real model";

/** The human summary of a critique run. */
export function renderCritiqueSummary(result: CritiqueRunResult): string {
  const { summary, critic } = result;
  const lines = [
    `critique of run ${result.runId} → iteration ${result.iteration.n} of ${result.agent} (${result.file})`,
    `  ${summary.critiqued} records critiqued (${summary.byStatus.fail} fails, ${summary.byStatus.pass} sampled passes)${result.resumed > 0 ? `; ${result.resumed} were already done, ${result.added} new` : ''}`,
    `  verdicts: ${summary.byVerdict.fail} fail, ${summary.byVerdict['fragile-pass']} fragile pass, ${summary.byVerdict.pass} pass, ${summary.unlabelled} unlabelled`,
  ];
  if (summary.labels.length === 0) lines.push('  no symptoms');
  else {
    lines.push('  symptoms (label: symptoms in records):');
    const width = Math.max(...summary.labels.map((l) => displayLabel(l).length));
    for (const label of summary.labels) lines.push(`    ${displayLabel(label).padEnd(width)}  ${label.symptoms} in ${label.records}`);
  }
  if (summary.evidenceNotFound > 0) lines.push(`  ${summary.evidenceNotFound} symptom${summary.evidenceNotFound === 1 ? '' : 's'} quote evidence that is not in the trace (kept, flagged evidenceFound: false)`);
  const u = critic.usage;
  lines.push(`  critic ${critic.model}: ${u.calls} calls (${u.cacheHits} from the cache, ${u.retries} retried), ${u.promptTokens} prompt + ${u.completionTokens} completion tokens${u.cost > 0 ? `, cost ${u.cost.toFixed(4)}` : ''}`);
  if (critic.simulated) lines.push(`note: ${SIMULATED_CRITIC_NOTE}`);
  return lines.join('\n');
}

function displayLabel(label: { label: string; proposed?: string }): string {
  return label.proposed === undefined ? label.label : `${label.label} (proposed: ${label.proposed})`;
}
