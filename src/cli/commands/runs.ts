import { listRuns, SIMULATED_NOTE } from '../../run/index.js';
import type { CliContext } from '../context.js';
import { percentText, textTable } from '../text-table.js';

/** `agentdevel runs [--agent <a>]`: every run in the store, newest first, with its pass rate, records and errors. */
export default async function runs(_args: string[], options: Record<string, unknown>, ctx: CliContext): Promise<number> {
  const project = await ctx.project();
  const { runs: listed, skipped } = await listRuns(project.storeDir, { agent: options.agent as string | undefined });
  const rows = [['run', 'agent', 'blueprint', 'suites', 'kind', 'pass rate', 'records', 'errors', 'created']];
  for (const r of listed) {
    const kind = [r.shard ? `shard ${r.shard.index}/${r.shard.count}` : '', r.mergedFrom ? `merged ${r.mergedFrom}` : '', r.subset ? `${r.subset} examples` : '', r.sampleBase > 0 ? `samples ${r.sampleBase}+` : ''].filter(Boolean).join(', ') || 'full';
    rows.push([r.runId, r.agent, r.blueprintHash.slice(0, 12), r.suites.join(','), kind, percentText(r.passRate), `${r.records}/${r.expected}`, String(r.errors), r.createdAt.slice(0, 19).replace('T', ' ')]);
  }
  const lines = listed.length === 0 ? [`no run in ${project.storeDir}${options.agent ? ` for agent ${String(options.agent)}` : ''}: \`agentdevel run\` makes one`] : textTable(rows, new Set([5, 6, 7]));
  if (skipped.length > 0) lines.push(`(${skipped.length} folder${skipped.length === 1 ? '' : 's'} without a readable manifest left out: ${skipped.slice(0, 5).join(', ')})`);
  if (listed.some((r) => r.simulated)) lines.push(`note: runs on the simulated world: ${SIMULATED_NOTE}`);
  ctx.result(lines.join('\n'), { runs: listed, skipped });
  return 0;
}
