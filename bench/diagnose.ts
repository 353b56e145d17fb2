/**
 * `npm run bench:diagnose`: the diagnosis over 100,000 examples × 3 repeats (300,000 generated
 * records of realistic trace sizes) with their critiques. Each case runs in its own process so
 * its peak RSS is its own:
 *  - pure: the diagnosis itself (critiques in, records in, finish, diagnosis.json text, spec.md
 *    text); making the generated records is not timed. Target: under 2 s and 500 MB peak RSS.
 *  - from disk, reported apart: reading the run's records.jsonl (readRunRecords: deduplicating,
 *    two passes) and critique.jsonl alone, then the whole diagnose stage on files as the CLI
 *    runs it (reading, checking each critique, diagnosing, writing both files atomically).
 */
import { execa } from 'execa';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXAMPLES = Number(process.env.BENCH_DIAGNOSE_EXAMPLES ?? 100_000);
const REPEATS = 3;
const target = { pureS: 2, pureRssMb: 500 };
const script = fileURLToPath(new URL('./diagnose-case.js', import.meta.url));

async function runCase<T>(...args: string[]): Promise<T> {
  const { stdout } = await execa(process.execPath, [script, ...args], { stderr: 'inherit' });
  return JSON.parse(stdout.trim().split('\n').pop()!) as T;
}

interface PureFigures {
  records: number;
  critiques: number;
  addCritiquesMs: number;
  addRecordsMs: number;
  finishMs: number;
  serializeMs: number;
  specMs: number;
  totalMs: number;
  generateMs: number;
  peakRssMb: number;
  jsonBytes: number;
  specBytes: number;
  target: string[];
}
interface ReadFigures {
  records: number;
  critiques: number;
  totalMs: number;
  peakRssMb: number;
}

const s = (ms: number) => Number((ms / 1000).toFixed(3));

async function main(): Promise<void> {
  console.log(`bench:diagnose — ${EXAMPLES} examples × ${REPEATS} repeats, generated records and critiques`);
  const pure = await runCase<PureFigures>('pure', String(EXAMPLES), String(REPEATS));
  console.log(
    `pure diagnosis: ${s(pure.totalMs)} s for ${pure.records} records and ${pure.critiques} critiques ` +
      `(critiques in ${s(pure.addCritiquesMs)} s, records in ${s(pure.addRecordsMs)} s, finish ${s(pure.finishMs)} s, diagnosis.json ${s(pure.serializeMs)} s, spec.md ${s(pure.specMs)} s); ` +
      `${Math.round(pure.records / (pure.totalMs / 1000))} records/s; peak RSS ${pure.peakRssMb} MB; generating the input took ${s(pure.generateMs)} s (not counted)`,
  );
  console.log(`  ratio to target: time ${(pure.totalMs / 1000 / target.pureS).toFixed(3)} of ${target.pureS} s, memory ${(pure.peakRssMb / target.pureRssMb).toFixed(3)} of ${target.pureRssMb} MB; diagnosis.json ${(pure.jsonBytes / 1e6).toFixed(1)} MB, spec.md ${(pure.specBytes / 1e3).toFixed(1)} kB; target: ${pure.target.join(', ') || '(none)'}`);

  const dir = await mkdtemp(join(tmpdir(), 'agentdevel-bench-diagnose-'));
  try {
    const written = await runCase<{ recordMb: number; critiqueMb: number }>('write', dir, String(EXAMPLES), String(REPEATS));
    const read = await runCase<ReadFigures>('read', dir);
    const disk = await runCase<ReadFigures>('disk', dir);
    console.log(`from disk (records.jsonl ${written.recordMb} MB, critique.jsonl ${written.critiqueMb} MB):`);
    console.log(`  reading alone: ${s(read.totalMs)} s (${read.records} records, ${read.critiques} critiques), peak RSS ${read.peakRssMb} MB`);
    console.log(`  diagnose stage on files: ${s(disk.totalMs)} s, peak RSS ${disk.peakRssMb} MB; reading is ${((read.totalMs / disk.totalMs) * 100).toFixed(0)}% of it`);
    const met = pure.totalMs / 1000 < target.pureS && pure.peakRssMb < target.pureRssMb;
    console.log(
      JSON.stringify({
        bench: 'diagnose',
        examples: EXAMPLES,
        repeats: REPEATS,
        records: pure.records,
        critiques: pure.critiques,
        pureS: s(pure.totalMs),
        pureRecordsInS: s(pure.addRecordsMs),
        pureFinishS: s(pure.finishMs + pure.serializeMs + pure.specMs),
        pureRssMb: pure.peakRssMb,
        pureOverTarget: Number((pure.totalMs / 1000 / target.pureS).toFixed(3)),
        rssOverTarget: Number((pure.peakRssMb / target.pureRssMb).toFixed(3)),
        diagnosisJsonMb: Number((pure.jsonBytes / 1e6).toFixed(1)),
        recordsJsonlMb: written.recordMb,
        readS: s(read.totalMs),
        readRssMb: read.peakRssMb,
        diskStageS: s(disk.totalMs),
        diskStageRssMb: disk.peakRssMb,
        target,
        met,
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
