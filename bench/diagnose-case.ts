/**
 * One case of bench:diagnose, in its own process so that its peak RSS is its own. Prints one
 * JSON line of figures.
 *   pure <examples> <repeats>   the pure diagnosis over generated records (generation not timed)
 *   write <dir> <examples> <repeats>   a store holding the generated run and its critiques
 *   read <dir>                  reading the records (readRunRecords) and critiques, nothing else
 *   disk <dir>                  the diagnose stage on files, as the CLI runs it
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { DiagnosisBuilder, renderSpec, runDiagnoseStage, serializeDiagnosis } from '../src/diagnosis/index.js';
import { readRunRecords } from '../src/run/read-records.js';
import { iterateJsonl, iterationFile, markCompleted, openIteration, readIteration, storeLayout, writeJsonAtomic } from '../src/store/index.js';
import { RUN_ID, generateCritiques, recordBatches } from './diagnose-data.js';

const AGENT = 'bench';
/** Records made per batch: small, so the input alive at any time is small, as when records stream from disk. */
const BATCH = 1_000;
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
/** CPU time of this process in ms: on a busy machine, closer to what the work costs than wall time. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function pure(examples: number, repeats: number) {
  let started = performance.now();
  let critiques = [...generateCritiques(examples, repeats)];
  const critiqueCount = critiques.length;
  let generateMs = performance.now() - started;

  const times = { addCritiquesMs: 0, addRecordsMs: 0, finishMs: 0, serializeMs: 0, specMs: 0 };
  let cpu = 0;
  let cpuStarted = cpuMs();
  started = performance.now();
  const builder = new DiagnosisBuilder({ agent: AGENT, iteration: 1, simulated: true });
  for (const critique of critiques) builder.addCritique(critique);
  times.addCritiquesMs = performance.now() - started;
  critiques = []; // the builder holds what it needs
  cpu += cpuMs() - cpuStarted;

  let records = 0;
  const batches = recordBatches(examples, repeats, BATCH);
  for (;;) {
    started = performance.now();
    const next = batches.next();
    generateMs += performance.now() - started;
    if (next.done) break;
    started = performance.now();
    cpuStarted = cpuMs();
    for (const record of next.value) builder.addRecord(record);
    times.addRecordsMs += performance.now() - started;
    cpu += cpuMs() - cpuStarted;
    records += next.value.length;
  }
  cpuStarted = cpuMs();
  started = performance.now();
  const diagnosis = builder.finish();
  times.finishMs = performance.now() - started;
  started = performance.now();
  const json = serializeDiagnosis(diagnosis);
  times.serializeMs = performance.now() - started;
  started = performance.now();
  const spec = renderSpec(diagnosis);
  times.specMs = performance.now() - started;
  cpu += cpuMs() - cpuStarted;
  const totalMs = times.addCritiquesMs + times.addRecordsMs + times.finishMs + times.serializeMs + times.specMs;
  return {
    records,
    critiques: critiqueCount,
    ...times,
    totalMs,
    cpuMs: cpu,
    generateMs,
    peakRssMb: peakRssMb(),
    jsonBytes: Buffer.byteLength(json),
    specBytes: Buffer.byteLength(spec),
    target: diagnosis.target.targets,
    symptoms: diagnosis.symptoms.length,
    guard: diagnosis.regressionGuard.examples,
  };
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
  let records = 0;
  let critiques = 0;
  for await (const _ of iterateJsonl(iterationFile(dir, AGENT, 1, 'critique.jsonl'))) critiques++;
  for await (const _ of readRunRecords(dir, RUN_ID)) records++;
  return { records, critiques, totalMs: performance.now() - started, peakRssMb: peakRssMb() };
}

async function disk(dir: string) {
  const started = performance.now();
  const state = await readIteration(dir, AGENT, 1);
  const result = await runDiagnoseStage({
    storeDir: dir,
    root: dir,
    state,
    records: () => readRunRecords(dir, RUN_ID),
    options: { agent: AGENT, iteration: 1, simulated: true },
    scripts: [],
  });
  return { totalMs: performance.now() - started, peakRssMb: peakRssMb(), records: result.diagnosis.input.records, files: Object.values(result.files).map((f) => f.slice(dir.length + 1)) };
}

const [mode, ...args] = process.argv.slice(2);
let figures: unknown;
if (mode === 'pure') figures = pure(Number(args[0]), Number(args[1]));
else if (mode === 'write') figures = await write(args[0]!, Number(args[1]), Number(args[2]));
else if (mode === 'read') figures = await read(args[0]!);
else if (mode === 'disk') figures = await disk(args[0]!);
else throw new Error(`unknown mode ${mode}`);
process.stdout.write(`${JSON.stringify(figures)}\n`);
