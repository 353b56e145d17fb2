/**
 * One case of bench:diagnose, in its own process so that its peak RSS is its own. Prints one
 * JSON line of figures.
 *   pure <examples> <repeats> <rounds>   the pure diagnosis over generated records (made from templates; making them is not timed), best of rounds by CPU time, and the ideal
 *   write <dir> <examples> <repeats>   a store holding the generated run and its critiques
 *   read <dir>                  reading the records (readRunRecords) and critiques, nothing else
 *   disk <dir>                  the diagnose stage on files, as the CLI runs it
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { DiagnosisBuilder, renderSpec, runDiagnoseStage, serializeDiagnosis } from '../src/diagnosis/index.js';
import { readRunRecords } from '../src/run/read-records.js';
import { iterateJsonl, iterationFile, markCompleted, openIteration, readIteration, storeLayout, writeJsonAtomic } from '../src/store/index.js';
import type { CritiqueRecord } from '../src/core/critique.js';
import { RUN_ID, generateCritiques, recordBatches, templateRecordBatches } from './diagnose-data.js';

const AGENT = 'bench';
/** Records made per batch: small, so the input alive at any time is small, as when records stream from disk. */
const BATCH = 1_000;
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

interface Spent {
  wallMs: number;
  cpuMs: number;
}

/** Times `step`, adding to `spent`. */
function timed<T>(spent: Spent, step: () => T): T {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const value = step();
  const used = process.cpuUsage(cpu);
  spent.wallMs += performance.now() - wall;
  spent.cpuMs += (used.user + used.system) / 1000;
  return value;
}

const zero = (): Spent => ({ wallMs: 0, cpuMs: 0 });

/** One round of the pure diagnosis: only the diagnosis's own calls are timed, not making its input. */
function pureRound(critiques: readonly CritiqueRecord[], examples: number, repeats: number) {
  const parts = { critiques: zero(), records: zero(), finish: zero(), json: zero(), spec: zero() };
  const builder = timed(parts.critiques, () => {
    const b = new DiagnosisBuilder({ agent: AGENT, iteration: 1, simulated: true });
    for (const critique of critiques) b.addCritique(critique);
    return b;
  });
  let records = 0;
  for (const batch of templateRecordBatches(examples, repeats, BATCH)) {
    timed(parts.records, () => {
      for (const record of batch) builder.addRecord(record);
    });
    records += batch.length;
  }
  const diagnosis = timed(parts.finish, () => builder.finish());
  const json = timed(parts.json, () => serializeDiagnosis(diagnosis));
  const spec = timed(parts.spec, () => renderSpec(diagnosis));
  const total = Object.values(parts).reduce((a, b) => ({ wallMs: a.wallMs + b.wallMs, cpuMs: a.cpuMs + b.cpuMs }), zero());
  return { parts, total, records, jsonBytes: Buffer.byteLength(json), specBytes: Buffer.byteLength(spec), target: diagnosis.target.targets, guard: diagnosis.regressionGuard.examples };
}

/** The ideal: the least any aggregation does, a bare loop counting the same records into one Map by `suite/id`. */
function idealRound(examples: number, repeats: number): Spent {
  const spent = zero();
  const counts = new Map<string, number>();
  for (const batch of templateRecordBatches(examples, repeats, BATCH)) {
    timed(spent, () => {
      for (const record of batch) {
        const key = `${record.suite}/${record.exampleId}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    });
  }
  return spent;
}

function pure(examples: number, repeats: number, rounds: number) {
  const made = performance.now();
  const critiques = [...generateCritiques(examples, repeats)];
  const generateMs = performance.now() - made;
  const runs = Array.from({ length: rounds }, () => pureRound(critiques, examples, repeats));
  const best = runs.reduce((a, b) => (b.total.cpuMs < a.total.cpuMs ? b : a));
  const ideal = Array.from({ length: rounds }, () => idealRound(examples, repeats)).reduce((a, b) => (b.cpuMs < a.cpuMs ? b : a));
  return { ...best, critiques: critiques.length, ideal, generateMs, peakRssMb: peakRssMb() };
}

async function writeLines(path: string, lines: Iterable<string>): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  let chunk = '';
  for (const line of lines) {
    chunk += `${line}\n`;
    if (chunk.length > 1 << 20) {
      bytes += chunk.length;
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  bytes += chunk.length;
  out.end(chunk);
  await once(out, 'finish');
  return bytes;
}

async function write(dir: string, examples: number, repeats: number) {
  const layout = storeLayout(dir);
  await writeJsonAtomic(layout.runManifest(RUN_ID), { runId: RUN_ID, agent: AGENT, note: 'bench:diagnose (generated)' });
  const recordLines = function* () {
    for (const batch of recordBatches(examples, repeats, BATCH)) for (const record of batch) yield JSON.stringify(record);
  };
  const recordBytes = await writeLines(layout.runRecords(RUN_ID), recordLines());
  const state = await openIteration(dir, AGENT, { baselineRunId: RUN_ID }, 1);
  const critiqueLines = function* () {
    for (const critique of generateCritiques(examples, repeats)) yield JSON.stringify(critique);
  };
  const critiqueBytes = await writeLines(iterationFile(dir, AGENT, 1, 'critique.jsonl'), critiqueLines());
  await markCompleted(dir, state, 'critique');
  return { recordMb: Math.round(recordBytes / 1e6), critiqueMb: Math.round(critiqueBytes / 1e6) };
}

async function read(dir: string) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let records = 0;
  let critiques = 0;
  for await (const _ of iterateJsonl(iterationFile(dir, AGENT, 1, 'critique.jsonl'))) critiques++;
  for await (const _ of readRunRecords(dir, RUN_ID)) records++;
  const used = process.cpuUsage(cpu);
  return { records, critiques, wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000, peakRssMb: peakRssMb() };
}

async function disk(dir: string) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const state = await readIteration(dir, AGENT, 1);
  const result = await runDiagnoseStage({
    storeDir: dir,
    root: dir,
    state,
    records: () => readRunRecords(dir, RUN_ID),
    options: { agent: AGENT, iteration: 1, simulated: true },
    scripts: [],
  });
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000, peakRssMb: peakRssMb(), records: result.diagnosis.input.records, files: Object.values(result.files).map((f) => f.slice(dir.length + 1)) };
}

const [mode, ...args] = process.argv.slice(2);
let figures: unknown;
if (mode === 'pure') figures = pure(Number(args[0]), Number(args[1]), Number(args[2] ?? 1));
else if (mode === 'write') figures = await write(args[0]!, Number(args[1]), Number(args[2]));
else if (mode === 'read') figures = await read(args[0]!);
else if (mode === 'disk') figures = await disk(args[0]!);
else throw new Error(`unknown mode ${mode}`);
process.stdout.write(`${JSON.stringify(figures)}\n`);
