import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Project } from '../../config/index.js';
import { fail, isAgentdevelError } from '../../core/errors.js';
import type { LedgerEntry } from '../../core/ledger.js';
import { buildAuditReport, openReleaseLine, readLineLedger } from '../../release/index.js';
import { MARKDOWN_LIMITS, parseLedgerText, renderReport, reportFormats, type Missing, type ReportFormat } from '../../report/index.js';
import { resolveIteration, writeFileAtomic } from '../../store/index.js';
import type { CliContext } from '../context.js';
import { chooseAgent, iterationOption } from '../options.js';

/**
 * `agentdevel report [--agent <a>] [--iteration <n>] --format md|json|junit|html [--out <file>]`:
 * the iteration's report from its folder (iteration.json, gate.json, diagnosis.json,
 * intent.json, rc.patch, critique.jsonl), both runs' records and the ledger on the version
 * branch (or --ledger <file>). Prints it, or writes it atomically to --out. Whatever is absent
 * is rendered as absent and named in the report. Exit 0: a report is not a verdict.
 */
export default async function report(_args: string[], options: Record<string, unknown>, ctx: CliContext): Promise<number> {
  const format = formatOption(options.format);
  const limit = limitOption(options.limit);
  const project = await ctx.project();
  const agent = await chooseAgent(project, options.agent as string | undefined);
  const state = await resolveIteration(project.storeDir, agent, iterationOption(options.iteration));
  const missing: Missing = [];
  const ledger = (await readLedger(project, agent, options.ledger as string | undefined, ctx, missing)).filter((e) => e.iteration <= state.n);
  const built = await buildAuditReport(project, state, ledger, new Date(), missing);
  const text = renderReport(built, format, { markdown: { limit } });
  const out = options.out as string | undefined;
  if (out === undefined) {
    process.stdout.write(text);
    return 0;
  }
  const path = resolve(ctx.cwd, out);
  await writeFileAtomic(path, text);
  const lines = [`wrote ${path} (${format}, ${Buffer.byteLength(text, 'utf8')} bytes): ${built.outcome}, agent ${agent}, iteration ${state.n}`];
  for (const m of built.missing) lines.push(`  not available: ${m.file}: ${m.meaning}`);
  if (built.simulated) lines.push('note: simulated world: these results come from the built-in simulated model, not from a real one');
  ctx.result(lines.join('\n'), { file: path, format, bytes: Buffer.byteLength(text, 'utf8'), agent, iteration: state.n, outcome: built.outcome, simulated: built.simulated, missing: built.missing });
  return 0;
}

/** The ledger from --ledger, else from the version branch; none (noted) outside a git repository. */
async function readLedger(project: Project, agent: string, file: string | undefined, ctx: CliContext, missing: Missing): Promise<LedgerEntry[]> {
  if (file !== undefined) {
    const path = resolve(ctx.cwd, file);
    const text = await readFile(path, 'utf8').catch((error: Error) => fail('EFILE', `--ledger ${path}: cannot read (${error.message})`));
    return parseLedgerText(text, path);
  }
  let line;
  try {
    line = await openReleaseLine(project, agent);
  } catch (error) {
    if (!isAgentdevelError(error)) throw error;
    missing.push({ file: 'ledger', meaning: `no version line to read it from (${error.message}): the charts show this iteration only` });
    return [];
  }
  const entries = await readLineLedger(line);
  if (entries.length === 0) missing.push({ file: line.ledgerPath, meaning: `nothing recorded on ${line.branch} yet: the charts show this iteration only` });
  return entries;
}

function formatOption(value: unknown): ReportFormat {
  const format = String(value ?? 'md');
  if (!(reportFormats as readonly string[]).includes(format)) fail('EUSAGE', `--format ${format}: expected one of ${reportFormats.join(', ')}`);
  return format as ReportFormat;
}

/** --limit pr | summary | <bytes>: the Markdown's size limit. */
function limitOption(value: unknown): number {
  const text = String(value ?? 'pr').trim();
  if (text === 'pr') return MARKDOWN_LIMITS.prBody;
  if (text === 'summary') return MARKDOWN_LIMITS.stepSummary;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1024) fail('EUSAGE', `--limit ${text}: expected pr, summary, or a number of bytes >= 1024`);
  return n;
}
