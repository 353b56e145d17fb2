import { readFile } from 'node:fs/promises';
import type { Project } from '../../config/index.js';
import { isAgentdevelError } from '../../core/errors.js';
import type { LedgerEntry } from '../../core/ledger.js';
import type { GateResult } from '../../gate/index.js';
import { representative } from '../../report/index.js';
import { readRunRecords } from '../../run/index.js';
import { iterationFile } from '../../store/index.js';
import { loadSuites, type LoadedSuite } from '../../suite/index.js';
import { duplicateIteration, readCandidateSummary, type RefusedCandidate } from '../../synthesis/index.js';
import { FlipRecords } from '../evidence-records.js';
import { GATE_FILE } from '../gating/stage.js';
import { readLineLedger } from '../ledger/read.js';
import type { ReleaseLine } from '../line.js';
import { refusedFromGate } from './refused-from-gate.js';

export type RefusalMemo = Map<number, { refusal: RefusedCandidate; detailed: boolean }>;

/** The refusals whose examples and answers are read from the store; older ones keep what the ledger says (the history shows the recent ones first anyway). */
const DETAILED = 8;

/**
 * The version line's refused candidates before iteration `before`, for the engineer: the
 * committed ledger says which iterations were refused (rejected or inconclusive, and duplicate
 * no-candidates) with each candidate's hash, intent and diff summary; the iteration store adds
 * the gate's refusing rules in its words (gate.json), the candidate's files where the ledger
 * line predates those fields (synthesis.json, intent.json, rc.patch), and the confirmed P→F with
 * both versions' answers (run records) and the task and expected answer (the suites). Whatever
 * the store has lost is left out; the ledger alone still names every refused candidate.
 */
export async function gatherRefusals(input: {
  project: Project;
  line: ReleaseLine;
  /** The suites' examples (task, expected); default: the suites the refused iterations played, as they load now. */
  suites?: readonly LoadedSuite[];
  before: number;
  /** Refusals already read, by iteration (a recorded iteration never changes): a release keeps one for all its iterations. */
  memo?: RefusalMemo;
}): Promise<RefusedCandidate[]> {
  const entries = (await readLineLedger(input.line)).filter((e) => e.iteration < input.before);
  const refusals = entries.filter((e) => e.decision === 'reject' || e.decision === 'inconclusive' || (e.duplicateOf?.length ?? 0) > 0).sort((a, b) => b.iteration - a.iteration);
  const suites = input.suites ?? (await suitesNamed(input.project, refusals));
  const examples = new Map(suites.flatMap((suite) => suite.examples.map((e) => [`${suite.name}/${e.id}`, e] as const)));
  const found: RefusedCandidate[] = [];
  for (const [index, entry] of refusals.entries()) {
    const detailed = index < DETAILED;
    const known = input.memo?.get(entry.iteration);
    if (known && (known.detailed || !detailed)) {
      found.push(known.refusal);
      continue;
    }
    const refusal = await refusalOf(input.project, entry, examples, detailed);
    input.memo?.set(entry.iteration, { refusal, detailed });
    found.push(refusal);
  }
  return found;
}

/** The suites the refused iterations played, as the project holds them now; one that no longer loads leaves its tasks unknown. */
async function suitesNamed(project: Project, entries: readonly LedgerEntry[]): Promise<LoadedSuite[]> {
  const loaded: LoadedSuite[] = [];
  for (const name of new Set(entries.flatMap((e) => e.suites.map((s) => s.name)))) {
    try {
      loaded.push(...(await loadSuites(project, [name])));
    } catch (error) {
      if (!isAgentdevelError(error)) throw error;
    }
  }
  return loaded;
}

async function refusalOf(project: Project, entry: LedgerEntry, examples: ReadonlyMap<string, LoadedSuite['examples'][number]>, detailed: boolean): Promise<RefusedCandidate> {
  if (entry.decision === 'no-candidate') {
    return duplicateIteration(entry.iteration, entry.duplicateOf ?? []);
  }
  const stored = entry.candidateHash && entry.intent && entry.diff ? {} : await readCandidateSummary(project.storeDir, { agent: entry.agent, n: entry.iteration });
  const candidateHash = entry.candidateHash ?? stored.candidateHash ?? null;
  const intent = entry.intent ?? stored.intent ?? null;
  const diff = entry.diff ?? stored.diff;
  const gate = detailed ? await readGate(project.storeDir, entry) : undefined;
  const outcome = entry.decision as 'reject' | 'inconclusive';
  if (!gate) {
    const rules = (entry.gate?.reasons ?? []).filter((r) => !r.passed).map((r) => ({ rule: r.rule, detail: `observed ${r.observed ?? 'nothing'}, threshold ${r.threshold ?? 'none'}` }));
    return { iteration: entry.iteration, outcome, candidateHash, intent, diff: diff ?? [], rules, regressions: [] };
  }
  const outputs = await firstOutputs(project.storeDir, entry, gate);
  return refusedFromGate({
    iteration: entry.iteration,
    gate: { ...gate, decision: outcome },
    candidateHash,
    intent,
    change: diff ? { diff } : null,
    example: (key) => examples.get(key),
    output: (side, key) => outputs[side].get(key),
  })!;
}

async function readGate(storeDir: string, entry: LedgerEntry): Promise<GateResult | undefined> {
  try {
    return JSON.parse(await readFile(iterationFile(storeDir, entry.agent, entry.iteration, GATE_FILE), 'utf8')) as GateResult;
  } catch {
    return undefined;
  }
}

/** Per side, the output of the record that shows each confirmed dev P→F (the baseline's pass, the candidate's fail). */
async function firstOutputs(storeDir: string, entry: LedgerEntry, gate: GateResult): Promise<Record<'baseline' | 'candidate', Map<string, unknown>>> {
  const keys = new Map(gate.flips.filter((f) => f.direction === 'p2f' && f.status === 'confirmed' && f.split === 'dev').map((f) => [f.key, 'p2f' as const]));
  const records = new FlipRecords(keys);
  const outputs = { baseline: new Map<string, unknown>(), candidate: new Map<string, unknown>() };
  if (keys.size === 0) return outputs;
  for (const side of ['baseline', 'candidate'] as const) {
    const runId = entry.runs[side];
    if (!runId) continue;
    try {
      for await (const record of readRunRecords(storeDir, runId)) records.add(side, record);
    } catch (error) {
      // A run no longer in this store: its answers are unknown.
      if (!isAgentdevelError(error)) throw error;
      continue;
    }
    for (const [key, list] of records[side]) outputs[side].set(key, representative(list, side === 'baseline' ? 'pass' : 'fail')?.output);
  }
  return outputs;
}
