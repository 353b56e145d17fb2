import { mergeRuns, renderSummary } from '../../run/index.js';
import type { CliContext } from '../context.js';

/** `agentdevel merge <shard run ids or run folders...>`: the shards become the unsharded run. */
export default async function merge(args: string[], _options: Record<string, unknown>, ctx: CliContext): Promise<number> {
  const project = await ctx.project();
  const result = await mergeRuns(project.storeDir, args, { cwd: ctx.cwd });
  const human = [`merged ${args.length} shards into run ${result.runId} (${result.dir})`, renderSummary(result.summary)].join('\n');
  ctx.result(human, { runId: result.runId, dir: result.dir, mergedFrom: result.manifest.mergedFrom, simulated: result.summary.simulated, summary: result.summary });
  return 0;
}
