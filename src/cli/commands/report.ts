import { resolve } from 'node:path';
import type { Project } from '../../config/index.js';
import { AgentdevelError, fail, isAgentdevelError } from '../../core/errors.js';
import type { LedgerEntry } from '../../core/ledger.js';
import { outcomeReducer, type Outcomes } from '../../gate/index.js';
import { openReleaseLine, readLineLedger } from '../../release/index.js';
import {
  buildReport,
  MARKDOWN_LIMITS,
  parseLedgerText,
  readIterationFolder,
  readSymptomHistory,
  renderReport,
  reportFormats,
  reportInput,
  type Missing,
  type ReportFormat,
  type UsageInput,
} from '../../report/index.js';
import { readRunManifest, readRunRecords } from '../../run/index.js';
import { resolveIteration, storeLayout, writeFileAtomic, type IterationState } from '../../store/index.js';
import { readFile } from 'node:fs/promises';
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
  const layout = storeLayout(project.storeDir);
  const folder = await readIterationFolder(layout.iterationDir(agent, state.n));
  const ledger = (await readLedger(project, agent, options.ledger as string | undefined, ctx, folder.missing)).filter((e) => e.iteration <= state.n);
  const symptomHistory = await readSymptomHistory((n) => layout.iterationDir(agent, n), ledger.map((e) => e.iteration).filter((n) => n !== state.n), folder.missing);
  const runs = await readRuns(project.storeDir, state, folder.missing);
  const built = buildReport(
    reportInput({ agent, iteration: state.n, generatedAt: new Date().toISOString(), ...folder, ledger, symptomHistory, outcomes: runs.outcomes, agentUsage: runs.usage, simulated: runs.simulated }),
  );
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

/** Both runs reduced per example (every example in JUnit and JSON), the agent role's usage, and whether they were simulated. */
async function readRuns(storeDir: string, state: IterationState, missing: Missing): Promise<{ outcomes: { baseline: Outcomes; candidate: Outcomes } | null; usage: UsageInput | null; simulated: boolean }> {
  const usage: UsageInput = { role: 'agent', calls: 0, cacheHits: 0, promptTokens: 0, completionTokens: 0, cost: null };
  let simulated = false;
  const read = async (runId: string | undefined, label: string): Promise<Outcomes | null> => {
    if (runId === undefined) return null;
    try {
      simulated ||= (await readRunManifest(storeDir, runId)).model.simulated;
    } catch (error) {
      if (!(error instanceof AgentdevelError && error.code === 'ENOT_FOUND')) throw error;
      missing.push({ file: `run ${runId}`, meaning: `the ${label} run is not in this store: only flipped examples are listed` });
      return null;
    }
    const reducer = outcomeReducer();
    for await (const record of readRunRecords(storeDir, runId)) {
      reducer.add(record);
      usage.calls += record.usage.calls;
      usage.cacheHits += record.usage.cacheHits;
      usage.promptTokens += record.usage.promptTokens;
      usage.completionTokens += record.usage.completionTokens;
    }
    return reducer.result();
  };
  const baseline = await read(state.baselineRunId, 'baseline');
  const candidate = await read(state.rcRunId, 'release candidate');
  return { outcomes: baseline && candidate ? { baseline, candidate } : null, usage: usage.calls > 0 ? usage : null, simulated };
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
