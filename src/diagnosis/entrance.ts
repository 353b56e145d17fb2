import type { CritiqueRecord } from '../core/critique.js';
import { fail } from '../core/errors.js';
import { stableStringify } from '../core/hash.js';
import type { RunRecord } from '../core/records.js';
import { Case, type ExampleTally, type Tally } from './case.js';
import { recordKeyOf } from './keys.js';
import { compareText } from './numbers.js';
import type { InputSummary } from './types.js';

/**
 * One example as the entrance knows it: its critiques not yet joined, and once a record came,
 * its key, which (run, repeat) pairs were seen (a bit mask for the first run's repeats 0–30, a
 * set for the rest) and its tally. Critiques and records meet in this one entry, so a record
 * costs one look-up by suite and id.
 */
interface Seen {
  critiques: CritiqueRecord[] | undefined;
  /** Empty until the example's first record. */
  key: string;
  runId: string;
  mask: number;
  others: Set<string> | undefined;
  /** The example's tally; undefined for holdout examples, which are never tallied. */
  tally: ExampleTally | undefined;
}

/**
 * Where records and critiques come in. Critiques are indexed first, by example; each record
 * is then joined to its critique and tallied. Holdout records stop here, so nothing downstream
 * can see them. Failing and critiqued dev records go on to the scripts as Cases; a passing
 * record nobody critiqued says nothing beyond its tally. Everything counted here is
 * independent of the order of arrival. Per record: one nested map look-up, no string built.
 */
export class Entrance {
  readonly tally: Tally = { examples: [], pass: 0, fail: 0, error: 0, labelledFailures: 0 };
  /** Examples by suite and id: their critiques not yet joined, and what their records made. */
  private readonly seen = new Map<string, Map<string, Seen>>();
  /** The critiques joined to a dev record (what user scripts are given). */
  private readonly used: CritiqueRecord[] = [];
  private readonly runIds = new Set<string>();
  private readonly taxonomyVersions = new Set<number>();
  private lastRunId: string | undefined;
  private simulatedCritic = false;
  private recordsStarted = false;
  private readonly counts = { records: 0, holdout: 0, dev: 0, critiques: 0, distinctCritiques: 0, joined: 0, holdoutCritiques: 0, duplicate: 0, stale: 0 };

  addCritique(critique: CritiqueRecord): void {
    if (this.recordsStarted) fail('EINTERNAL', 'diagnosis: every critique must be given before the first record');
    this.counts.critiques += 1;
    const entry = this.entryOf(critique.suite, critique.exampleId);
    let list = entry.critiques;
    if (list === undefined) {
      list = [];
      entry.critiques = list;
    }
    const same = list.findIndex((c) => c.repeat === critique.repeat && c.runId === critique.runId);
    if (same < 0) {
      list.push(critique);
      this.counts.distinctCritiques += 1;
      return;
    }
    this.counts.duplicate += 1;
    if (preferred(critique, list[same]!)) list[same] = critique;
  }

  /** The record as a Case for the scripts, or undefined when only tallied (a passing record nobody critiqued, an error) or dropped (holdout). */
  addRecord(record: RunRecord): Case | undefined {
    this.recordsStarted = true;
    this.counts.records += 1;
    if (record.runId !== this.lastRunId) {
      this.runIds.add(record.runId);
      this.lastRunId = record.runId;
    }
    const holdout = record.split !== 'dev';
    const seen = this.markSeen(record, holdout);
    let critique = seen.critiques === undefined ? undefined : this.takeCritique(seen.critiques, record);
    if (holdout) {
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
      this.used.push(critique);
      this.taxonomyVersions.add(critique.taxonomyVersion);
      if (critique.critic.simulated) this.simulatedCritic = true;
    }
    const example = seen.tally!;
    const status = record.status;
    if (status === 'pass') {
      example.pass += 1;
      this.tally.pass += 1;
    } else if (status === 'fail') {
      example.fail += 1;
      this.tally.fail += 1;
    } else {
      example.error += 1;
      this.tally.error += 1;
      return undefined;
    }
    this.countMeasured(record, example);
    if (record.status === 'pass' && critique === undefined) return undefined;
    const c = new Case(record, critique, seen.key);
    if (record.status === 'fail' && c.labels.length > 0) {
      this.tally.labelledFailures += 1;
      countLabels(example, c.labels);
    }
    if (isFragile(c)) example.fragile = true;
    return c;
  }

  /** The critiques joined to dev records, in record-key order. */
  usedCritiques(): CritiqueRecord[] {
    return this.used
      .map((c) => ({ key: recordKeyOf(c), c }))
      .sort((a, b) => compareText(a.key, b.key))
      .map(({ c }) => c);
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
      critiquesUsed: this.used.length,
      critiquesIgnored: { holdout: c.holdoutCritiques, noRecord: c.distinctCritiques - c.joined, duplicate: c.duplicate, stale: c.stale },
      taxonomyVersions: [...this.taxonomyVersions].sort((a, b) => a - b),
    };
  }

  /** Refuses a record given twice (same run, example and repeat). */
  private markSeen(record: RunRecord, holdout: boolean): Seen {
    const seen = this.entryOf(record.suite, record.exampleId);
    if (seen.key === '') {
      seen.key = `${record.suite}/${record.exampleId}`;
      seen.runId = record.runId;
      seen.tally = holdout ? undefined : this.newTally(record, seen.key);
    }
    let twice: boolean;
    if (record.runId === seen.runId && record.repeat >= 0 && record.repeat < 31) {
      const bit = 1 << record.repeat;
      twice = (seen.mask & bit) !== 0;
      seen.mask |= bit;
    } else {
      const key = `${record.runId}#${record.repeat}`;
      seen.others ??= new Set();
      twice = seen.others.has(key);
      seen.others.add(key);
    }
    if (twice) {
      fail('EDIAGNOSIS_INPUT', `record ${seen.key}#${record.repeat} of run ${record.runId} is given twice`, {
        details: 'Diagnose the deduplicated records of a run (readRunRecords keeps the last record per example and repeat).',
      });
    }
    if ((seen.tally === undefined) !== holdout) {
      // One suite fixes each example's split: records of an example in both are not one run's.
      fail('EDIAGNOSIS_INPUT', `example ${seen.key} has records in both the dev and the holdout split (run ${record.runId})`, {
        details: 'Diagnose the records of one run, whose suite fixes every example\'s split.',
      });
    }
    return seen;
  }

  /** The example's entry, made empty on first sight. */
  private entryOf(suite: string, exampleId: string): Seen {
    let bySuite = this.seen.get(suite);
    if (bySuite === undefined) {
      bySuite = new Map();
      this.seen.set(suite, bySuite);
    }
    let entry = bySuite.get(exampleId);
    if (entry === undefined) {
      entry = { critiques: undefined, key: '', runId: '', mask: 0, others: undefined, tally: undefined };
      bySuite.set(exampleId, entry);
    }
    return entry;
  }

  private takeCritique(list: CritiqueRecord[], record: RunRecord): CritiqueRecord | undefined {
    let index = -1;
    for (let i = 0; i < list.length; i++) {
      if (list[i]!.repeat === record.repeat && list[i]!.runId === record.runId) {
        index = i;
        break;
      }
    }
    if (index < 0) return undefined;
    const critique = list[index]!;
    list[index] = list[list.length - 1]!;
    list.pop();
    this.counts.joined += 1;
    return critique;
  }

  private newTally(record: RunRecord, key: string): ExampleTally {
    const example: ExampleTally = { key, suite: record.suite, exampleId: record.exampleId, tags: sortedDistinct(record.tags), pass: 0, fail: 0, error: 0, fragile: false, failingLabels: undefined };
    this.tally.examples.push(example);
    return example;
  }

  /** A measured (pass or fail) dev record's tags are kept per example (the union over its repeats). */
  private countMeasured(record: RunRecord, example: ExampleTally): void {
    const tags = record.tags;
    for (let i = 0; i < tags.length; i++) if (!example.tags.includes(tags[i]!)) example.tags = sortedDistinct([...example.tags, tags[i]!]);
  }
}

/** The tags sorted by code unit, each once (tag lists are short: an insertion sort, no set). */
function sortedDistinct(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const tag of tags) {
    if (out.includes(tag)) continue;
    let at = out.length;
    while (at > 0 && out[at - 1]! > tag) at--;
    out.splice(at, 0, tag);
  }
  return out;
}

function countLabels(example: ExampleTally, labels: readonly string[]): void {
  example.failingLabels ??= [];
  for (const label of labels) {
    const entry = example.failingLabels.find((e) => e.label === label);
    if (entry === undefined) example.failingLabels.push({ label, repeats: 1 });
    else entry.repeats += 1;
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
