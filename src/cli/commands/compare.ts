import { compareRuns, type UnconfirmedFlip } from '../../release/index.js';
import type { CliContext } from '../context.js';
import { textTable } from '../text-table.js';

const UNCONFIRMED = 'UNCONFIRMED: flips on these two runs\' samples alone, with no confirmation reruns, flaky memory or gate policy; `agentdevel check` decides';

/** `agentdevel compare <runA> <runB>`: the flips between any two runs (A → B), each labelled unconfirmed. */
export default async function compare(args: string[], _options: Record<string, unknown>, ctx: CliContext): Promise<number> {
  const project = await ctx.project();
  const c = await compareRuns(project.storeDir, args[0]!, args[1]!);
  const p2f = c.flips.filter((f) => f.direction === 'p2f').length;
  const lines = [
    `compare run ${c.a.runId} (A, blueprint ${c.a.blueprintHash.slice(0, 12)}) → run ${c.b.runId} (B, blueprint ${c.b.blueprintHash.slice(0, 12)})`,
    UNCONFIRMED,
    `${p2f} unconfirmed P→F, ${c.flips.length - p2f} unconfirmed F→P; ${c.counts.stablePass} pass on both, ${c.counts.stableFail} fail on both, ${c.counts.undecided} undecided, ${c.counts.missing} unmeasured on a side`,
  ];
  for (const d of c.differences) lines.push(`note: ${d}`);
  if (c.flips.length > 0) lines.push('', ...textTable([['flip (unconfirmed)', 'example', 'split', 'A pass', 'B pass'], ...c.flips.map(row)], new Set([3, 4])));
  if (c.a.model.simulated || c.b.model.simulated) lines.push('note: simulated world: these results come from agentdevel\'s built-in simulated model, not from a real one');
  ctx.result(lines.join('\n'), { a: c.a.runId, b: c.b.runId, confirmed: false, flips: c.flips.map((f) => ({ ...f, status: 'unconfirmed' })), counts: c.counts, differences: c.differences });
  return 0;
}

function row(f: UnconfirmedFlip): string[] {
  const rate = (s: UnconfirmedFlip['a']) => `${s.pass}/${s.pass + s.fail}${s.error > 0 ? ` +${s.error}E` : ''}`;
  return [f.direction === 'p2f' ? 'P→F' : 'F→P', f.key, f.split, rate(f.a), rate(f.b)];
}
