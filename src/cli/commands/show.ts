import { fail } from '../../core/errors.js';
import type { RunRecord, TraceEvent } from '../../core/records.js';
import { showRun, SIMULATED_NOTE, type RunExampleRow } from '../../run/index.js';
import type { CliContext } from '../context.js';
import { oneLine, textTable } from '../text-table.js';

const STATUSES = ['pass', 'fail', 'error'] as const;

/**
 * `agentdevel show <run> [--status pass|fail|error] [--tag <t>] [--example <id>]`: a run example
 * by example (repeats' statuses, why it failed); with --example, that example's every record
 * with its full trace.
 */
export default async function show(args: string[], options: Record<string, unknown>, ctx: CliContext): Promise<number> {
  const project = await ctx.project();
  const runId = args[0]!;
  const status = options.status as string | undefined;
  if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) fail('EUSAGE', `--status ${status}: expected one of ${STATUSES.join(', ')}`);
  const shown = await showRun(project.storeDir, runId, { status: status as (typeof STATUSES)[number] | undefined, tag: options.tag as string | undefined, example: options.example as string | undefined });
  const head = `run ${runId}: agent ${shown.manifest.agent}, blueprint ${shown.manifest.blueprintHash.slice(0, 12)}, suites ${shown.manifest.suites.map((s) => s.name).join(', ')}${shown.manifest.model.simulated ? `\nnote: ${SIMULATED_NOTE}` : ''}`;
  if (shown.records) {
    ctx.result([head, '', ...shown.records.flatMap(recordText)].join('\n'), { runId, example: shown.rows[0], records: shown.records });
    return 0;
  }
  const filters = [status ? `status ${status}` : '', options.tag ? `tag ${String(options.tag)}` : ''].filter(Boolean).join(', ');
  const lines = [head, `${shown.rows.length} example${shown.rows.length === 1 ? '' : 's'}${filters ? ` with ${filters}` : ''}`];
  if (shown.rows.length > 0) lines.push('', ...textTable([['example', 'split', 'repeats', 'pass', 'tags', 'why (first non-pass)'], ...shown.rows.map(row)], new Set([3])));
  ctx.result(lines.join('\n'), { runId, rows: shown.rows });
  return 0;
}

function row(r: RunExampleRow): string[] {
  const marks = r.statuses.map((s) => (s === 'pass' ? 'P' : s === 'fail' ? 'F' : 'E')).join('');
  return [r.key, r.split, marks, `${r.pass}/${r.pass + r.fail}`, r.tags.join(','), r.reason ? oneLine(r.reason, 80) : ''];
}

const json = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** One record in full: status, scorer feedback, the output and every trace event. */
function recordText(r: RunRecord): string[] {
  const lines = [`${r.suite}/${r.exampleId} repeat ${r.repeat} (sample ${r.sampleIndex}, ${r.split}): ${r.status}${r.errorCode ? ` ${r.errorCode}` : ''}, score ${r.score}, ${r.durationMs} ms`];
  if (r.reason) lines.push(`  reason: ${r.reason}`);
  if (r.feedback) lines.push(`  scorer: ${r.feedback}`);
  lines.push(`  output: ${json(r.output)}`, '  trace:');
  for (const e of r.trace) lines.push(`    ${eventText(e)}`);
  lines.push('');
  return lines;
}

function eventText(e: TraceEvent): string {
  switch (e.type) {
    case 'llm_call':
      return `[${e.step}] model${e.cached ? ' (cached)' : ''}: ${e.response.toolCalls.length > 0 ? `tool calls ${e.response.toolCalls.map((c) => `${c.name}(${json(c.arguments)})`).join(', ')}` : json(e.response.content ?? '')} (${e.response.finishReason}, ${e.usage.promptTokens}+${e.usage.completionTokens} tokens)`;
    case 'tool_call':
      return `[${e.step}] tool call ${e.name}(${json(e.arguments)})`;
    case 'observation':
      return `[${e.step}] observation from ${e.name}: ${e.content}`;
    case 'error':
      return `[${e.step}] error${e.code ? ` ${e.code}` : ''}: ${e.message}`;
    case 'final':
      return `[${e.step}] final: ${json(e.output)}`;
    case 'log':
      return `[${e.step}] log: ${e.message}`;
  }
}
