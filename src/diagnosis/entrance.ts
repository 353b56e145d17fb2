import type { CritiqueRecord } from '../core/critique.js';
import { fail } from '../core/errors.js';
import { stableStringify } from '../core/hash.js';
import type { RunRecord } from '../core/records.js';
import type { Case, ExampleTally, Tally } from './case.js';
import { compareText, increment } from './numbers.js';
import { exampleKeyOf, recordKeyOf, shortRecordKey } from './keys.js';
import type { InputSummary } from './types.js';

/**
 * Where records and critiques come in. Critiques are indexed first; each record is then joined
 * to its critique and passed on as a Case, or dropped: holdout records stop here, so nothing
 * downstream can see them. Everything counted here is independent of the order of arrival.
 */
export class Entrance {
  readonly tally: Tally = { examples: new Map(), pass: 0, fail: 0, error: 0, labelledFailures: 0, tagRecords: new Map(), toolRecords: new Map() };
  private readonly critiques = new Map<string, CritiqueRecord>();
  /** The critiques joined to a dev record (what user scripts are given). */
  private readonly used: CritiqueRecord[] = [];
  private readonly seen = new Set<string>();
  private readonly runIds = new Set<string>();
  private readonly taxonomyVersions = new Set<number>();
  private simulatedCritic = false;
  private recordsStarted = false;
  private readonly counts = { records: 0, holdout: 0, dev: 0, critiques: 0, used: 0, holdoutCritiques: 0, duplicate: 0, stale: 0 };

  addCritique(critique: CritiqueRecord): void {
    if (this.recordsStarted) fail('EINTERNAL', 'diagnosis: every critique must be given before the first record');
    this.counts.critiques += 1;
    const key = recordKeyOf(critique);
    const other = this.critiques.get(key);
    if (other === undefined) {
      this.critiques.set(key, critique);
      return;
    }
    this.counts.duplicate += 1;
    if (preferred(critique, other)) this.critiques.set(key, critique);
  }

  /** The record as a Case, or undefined when it is not diagnosed (holdout). */
  addRecord(record: RunRecord): Case | undefined {
    this.recordsStarted = true;
    this.counts.records += 1;
    const fullKey = recordKeyOf(record);
    if (this.seen.has(fullKey)) {
      fail('EDIAGNOSIS_INPUT', `record ${shortRecordKey(record)} of run ${record.runId} is given twice`, {
        details: 'Diagnose the deduplicated records of a run (readRunRecords keeps the last record per example and repeat).',
      });
    }
    this.seen.add(fullKey);
    this.runIds.add(record.runId);
    let critique = this.critiques.get(fullKey);
    if (critique !== undefined) this.critiques.delete(fullKey);
    if (record.split !== 'dev') {
      this.counts.holdout += 1;
      if (critique !== undefined) this.counts.holdoutCritiques += 1;
      return undefined;
    }
    this.counts.dev += 1;
    if (critique !== undefined && critique.status !== record.status) {
      this.counts.stale += 1;
      critique = undefined;
    }
    if (critique !== undefined) {
      this.counts.used += 1;
      this.used.push(critique);
      this.taxonomyVersions.add(critique.taxonomyVersion);
      if (critique.critic.simulated) this.simulatedCritic = true;
    }
    const symptoms = critique?.symptoms ?? [];
    const c: Case = {
      record,
      critique,
      symptoms,
      labels: distinctLabels(symptoms),
      exampleKey: exampleKeyOf(record),
      key: shortRecordKey(record),
      toolCalls: toolCallsOf(record),
    };
    this.count(c);
    return c;
  }

  /** The critiques joined to dev records, in record-key order. */
  usedCritiques(): CritiqueRecord[] {
    return this.used.map((c) => ({ key: recordKeyOf(c), c })).sort((a, b) => compareText(a.key, b.key)).map(({ c }) => c);
  }

  summary(options: { agent?: string; iteration?: number; simulated?: boolean }): InputSummary {
    const c = this.counts;
    return {
      agent: options.agent ?? null,
      iteration: options.iteration ?? null,
      runIds: [...this.runIds].sort(compareText),
      simulated: Boolean(options.simulated) || this.simulatedCritic,
      records: c.records,
      holdoutExcluded: c.holdout,
      devRecords: c.dev,
      critiques: c.critiques,
      critiquesUsed: c.used,
      critiquesIgnored: { holdout: c.holdoutCritiques, noRecord: this.critiques.size, duplicate: c.duplicate, stale: c.stale },
      taxonomyVersions: [...this.taxonomyVersions].sort((a, b) => a - b),
    };
  }

  private count(c: Case): void {
    const { record } = c;
    const t = this.tally;
    const example = this.exampleOf(c);
    example[record.status] += 1;
    t[record.status] += 1;
    if (record.status === 'error') return;
    for (const tag of new Set(record.tags)) increment(t.tagRecords, tag);
    for (const tool of new Set(c.toolCalls.map((call) => call.name))) increment(t.toolRecords, tool);
    if (record.status === 'fail' && c.symptoms.length > 0) t.labelledFailures += 1;
    if (record.status === 'pass' && isFragile(c)) example.fragile = true;
  }

  private exampleOf(c: Case): ExampleTally {
    let example = this.tally.examples.get(c.exampleKey);
    if (example === undefined) {
      example = { key: c.exampleKey, suite: c.record.suite, exampleId: c.record.exampleId, tags: [...new Set(c.record.tags)].sort(compareText), pass: 0, fail: 0, error: 0, fragile: false };
      this.tally.examples.set(c.exampleKey, example);
    } else if (c.record.tags.some((tag) => !example!.tags.includes(tag))) {
      example.tags = [...new Set([...example.tags, ...c.record.tags])].sort(compareText);
    }
    return example;
  }
}

/** A passing record the critic flagged: verdict fragile-pass, or symptoms named on it. */
export function isFragile(c: Case): boolean {
  return c.record.status === 'pass' && c.critique !== undefined && (c.critique.verdict === 'fragile-pass' || c.symptoms.length > 0);
}

/** Of two critiques of one record, the one to keep: a labelled one over an unlabelled one, then by content. */
function preferred(candidate: CritiqueRecord, current: CritiqueRecord): boolean {
  const rank = (c: CritiqueRecord) => (c.verdict === 'unlabelled' ? 0 : 1);
  if (rank(candidate) !== rank(current)) return rank(candidate) > rank(current);
  return compareText(stableStringify(candidate), stableStringify(current)) > 0;
}

function distinctLabels(symptoms: CritiqueRecord['symptoms']): string[] {
  if (symptoms.length === 0) return [];
  if (symptoms.length === 1) return [symptoms[0]!.label];
  return [...new Set(symptoms.map((s) => s.label))].sort(compareText);
}

function toolCallsOf(record: RunRecord): Array<{ step: number; name: string }> {
  const calls: Array<{ step: number; name: string }> = [];
  for (const event of record.trace) if (event.type === 'tool_call') calls.push({ step: event.step, name: event.name });
  return calls;
}
