import type { CritiqueRecord } from '../core/critique.js';
import { fail } from '../core/errors.js';
import type { RunRecord } from '../core/records.js';
import { builtinScripts } from './builtins.js';
import { Entrance } from './entrance.js';
import { compareText } from './numbers.js';
import type { BuiltinScript, ScriptRun, ScriptSettings } from './script.js';
import { DEFAULT_MIN_EXAMPLES, DEFAULT_MIN_SHARE, chooseTarget, expectedFlips } from './target.js';
import { DIAGNOSIS_SCHEMA_VERSION, type Diagnosis, type DiagnosisOptions, type KnownRegression, type UserScriptResult } from './types.js';

type Builtins = typeof builtinScripts;
type Runs = { [K in keyof Builtins]: Builtins[K] extends BuiltinScript<infer R> ? ScriptRun<R> : never };

export const DEFAULT_EXEMPLARS = 3;

function settingsOf(options: DiagnosisOptions): ScriptSettings {
  const exemplars = options.exemplars ?? DEFAULT_EXEMPLARS;
  if (!Number.isInteger(exemplars) || exemplars < 0) fail('EUSAGE', `diagnosis: exemplars per symptom must be a whole number >= 0 (got ${exemplars})`);
  return { exemplars, mustPass: new Set(options.mustPass ?? []) };
}

/**
 * Diagnosis in one pass: give every critique, then every record (in any order, from memory
 * or streamed from disk), then `finish`. Memory holds the critiques, one tally per example and
 * the scripts' counts, never the records.
 */
export class DiagnosisBuilder {
  private readonly entrance = new Entrance();
  private readonly runs: Runs;
  private readonly runList: Array<ScriptRun<unknown>>;
  /** Pass/fail counts of the dev records of the line's known regressions. */
  private readonly known = new Map<string, { acceptedIn: number; pass: number; fail: number }>();
  private finished = false;

  constructor(private readonly options: DiagnosisOptions = {}) {
    const settings = settingsOf(options);
    this.runs = Object.fromEntries(Object.entries(builtinScripts).map(([key, script]) => [key, (script as BuiltinScript<unknown>).start(settings)])) as Runs;
    this.runList = Object.values(this.runs) as Array<ScriptRun<unknown>>;
    for (const { key, iteration } of options.knownRegressions ?? []) {
      const had = this.known.get(key);
      this.known.set(key, { acceptedIn: Math.max(had?.acceptedIn ?? 0, iteration), pass: 0, fail: 0 });
    }
  }

  addCritique(critique: CritiqueRecord): void {
    this.entrance.addCritique(critique);
  }

  addRecord(record: RunRecord): void {
    if (this.known.size > 0 && record.split === 'dev' && (record.status === 'pass' || record.status === 'fail')) {
      const known = this.known.get(`${record.suite}/${record.exampleId}`);
      if (known) known[record.status]++;
    }
    const c = this.entrance.addRecord(record);
    if (c === undefined) return;
    for (const run of this.runList) run.add(c);
  }

  /** The critiques joined to dev records, sorted: what user scripts get beside the dev records. */
  usedCritiques(): CritiqueRecord[] {
    return this.entrance.usedCritiques();
  }

  finish(): Diagnosis {
    if (this.finished) fail('EINTERNAL', 'diagnosis: finish() called twice');
    this.finished = true;
    const { tally } = this.entrance;
    const r = this.runs;
    const population = r.population.finish(tally);
    const symptoms = r.symptomFrequency.finish(tally);
    const affected = r.affectedExamples.finish(tally);
    const target = chooseTarget(symptoms, population, {
      minExamples: this.options.minExamples ?? DEFAULT_MIN_EXAMPLES,
      minShare: this.options.minShare ?? DEFAULT_MIN_SHARE,
      maxTargets: this.options.maxTargets ?? 1,
    });
    return {
      schemaVersion: DIAGNOSIS_SCHEMA_VERSION,
      input: this.entrance.summary(this.options),
      scripts: Object.values(builtinScripts).map((s) => ({ name: s.name, version: s.version })),
      population,
      symptoms,
      affected,
      patterns: r.triggeringPatterns.finish(tally),
      coOccurrence: r.coOccurrence.finish(tally),
      exemplars: r.exemplars.finish(tally),
      fragilePasses: r.fragilePasses.finish(tally),
      candidateClasses: r.candidateClasses.finish(tally),
      regressionGuard: r.regressionGuard.finish(tally),
      taxonomy: descriptionsOf(symptoms.map((s) => s.label), this.options.labelDescriptions ?? {}),
      target,
      expectedFlips: expectedFlips(target.targets, affected),
      ...(this.known.size > 0 ? { knownRegressions: knownRegressionsOf(this.known, affected) } : {}),
      userScripts: [],
    };
  }
}

/** The known regressions this run scored on dev, by key, with the labels the critic gave their failures. */
function knownRegressionsOf(known: ReadonlyMap<string, { acceptedIn: number; pass: number; fail: number }>, affected: Diagnosis['affected']): KnownRegression[] {
  const labels = new Map<string, string[]>();
  for (const { label, examples } of affected) {
    for (const { key } of examples) if (known.has(key)) labels.set(key, [...(labels.get(key) ?? []), label]);
  }
  return [...known]
    .filter(([, c]) => c.pass + c.fail > 0)
    .sort(([a], [b]) => compareText(a, b))
    .map(([key, c]) => ({ key, acceptedIn: c.acceptedIn, status: c.fail === 0 ? 'passing' : c.pass > 0 ? 'flaky' : 'failing', labels: (labels.get(key) ?? []).sort(compareText) }));
}

function descriptionsOf(labels: readonly string[], known: Readonly<Record<string, string>>): Array<{ label: string; description: string }> {
  return [...labels]
    .filter((label) => Object.hasOwn(known, label))
    .sort(compareText)
    .map((label) => ({ label, description: known[label]! }));
}

/** The diagnosis of records and their critiques: a pure function; the same input in any order gives the same value. */
export function diagnose(records: Iterable<RunRecord>, critiques: Iterable<CritiqueRecord>, options: DiagnosisOptions = {}): Diagnosis {
  const builder = new DiagnosisBuilder(options);
  for (const critique of critiques) builder.addCritique(critique);
  for (const record of records) builder.addRecord(record);
  return builder.finish();
}

/** One built-in script alone over records and critiques (the entrance's holdout filter and join included). */
export function runBuiltinScript<R>(script: BuiltinScript<R>, records: Iterable<RunRecord>, critiques: Iterable<CritiqueRecord>, options: DiagnosisOptions = {}): R {
  const entrance = new Entrance();
  const run = script.start(settingsOf(options));
  for (const critique of critiques) entrance.addCritique(critique);
  for (const record of records) {
    const c = entrance.addRecord(record);
    if (c !== undefined) run.add(c);
  }
  return run.finish(entrance.tally);
}

/** The diagnosis with the results of the project's own scripts (in their configured order). */
export function withUserScripts(diagnosis: Diagnosis, results: readonly UserScriptResult[]): Diagnosis {
  return { ...diagnosis, userScripts: [...results] };
}

/**
 * diagnosis.json's text: the value as built (every list already sorted), compact (it holds
 * per-example lists that run to megabytes on a large suite; spec.md is the text for people),
 * with a final newline.
 */
export function serializeDiagnosis(diagnosis: Diagnosis): string {
  return `${JSON.stringify(diagnosis)}\n`;
}
