import type { Project } from '../config/index.js';
import { taskText } from '../config/task-text.js';
import { isAgentdevelError } from '../core/errors.js';
import type { RunRecord } from '../core/records.js';
import type { GateResult } from '../gate/index.js';
import { evidenceOf, type EvidenceInput, type Missing } from '../report/index.js';
import { loadSuites } from '../suite/index.js';

/** The flips whose evidence a report shows: every one (an unconfirmed flip is one no rerun could change the decision on, or one still open). */
export function evidenceKeys(gate: GateResult | null): Map<string, 'p2f' | 'f2p'> {
  return new Map((gate?.flips ?? []).map((f) => [f.key, f.direction]));
}

/** Collects, while a run's records stream past, those of the flipped examples. */
export class FlipRecords {
  readonly baseline = new Map<string, RunRecord[]>();
  readonly candidate = new Map<string, RunRecord[]>();
  constructor(readonly keys: ReadonlyMap<string, 'p2f' | 'f2p'>) {}

  add(side: 'baseline' | 'candidate', record: RunRecord): void {
    const key = `${record.suite}/${record.exampleId}`;
    if (!this.keys.has(key)) return;
    const map = this[side];
    const list = map.get(key);
    if (list) list.push(record);
    else map.set(key, [record]);
  }
}

/**
 * The evidence of each flip from its records and its example in the suites as the project holds
 * them now (the task and expected value). A suite that no longer loads leaves the task out and
 * says so in `missing`; the answers are still shown.
 */
export async function readEvidence(project: Project, suiteNames: readonly string[], records: FlipRecords, missing: Missing): Promise<Map<string, EvidenceInput>> {
  const evidence = new Map<string, EvidenceInput>();
  if (records.keys.size === 0) return evidence;
  const examples = new Map<string, { input: unknown; expected?: unknown; task: string }>();
  try {
    for (const suite of await loadSuites(project, [...suiteNames])) {
      for (const e of suite.examples) examples.set(`${suite.name}/${e.id}`, { input: e.input, expected: e.expected, task: taskText(e.input) });
    }
  } catch (error) {
    if (!isAgentdevelError(error)) throw error;
    missing.push({ file: 'suites', meaning: `cannot be loaded (${error.message}): the evidence shows no task or expected value` });
  }
  for (const [key, direction] of records.keys) {
    evidence.set(key, evidenceOf(examples.get(key), direction, { baseline: records.baseline.get(key) ?? [], candidate: records.candidate.get(key) ?? [] }));
  }
  return evidence;
}
