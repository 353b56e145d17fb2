/**
 * `npm run bench:report`: rendering a report with 10,000 flips in every format (Markdown for a
 * PR body and for a step summary, JSON, JUnit XML, HTML), building the report document
 * included; target: under 1 s in all. Then the same flips among 100,000 examples (every
 * example is a JUnit testcase and a JSON entry), for information. Rounds are repeated and the
 * fastest is compared with the target (the cost without interference from other processes on
 * the machine); the median, the process CPU time and the load average are printed beside it.
 */
import { availableParallelism, loadavg } from 'node:os';
import { buildReport, MARKDOWN_LIMITS, renderHtml, renderJson, renderJunit, renderMarkdown, reportInput, type ReportSources } from '../src/report/index.js';
import { benchSources } from './report-data.js';

const FLIPS = Number(process.env.BENCH_REPORT_FLIPS ?? 10_000);
const TARGET_MS = 1_000;
const ROUNDS = 7;

interface Timings {
  build: number;
  mdPr: number;
  mdSummary: number;
  json: number;
  junit: number;
  html: number;
  total: number;
  /** Process CPU time of the round (user + system). */
  cpu: number;
  bytes: Record<string, number>;
}

function once(sources: ReportSources): Timings {
  const t = (f: () => string): [number, string] => {
    const start = performance.now();
    const out = f();
    return [performance.now() - start, out];
  };
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const report = buildReport(reportInput(sources));
  const build = performance.now() - start;
  const [mdPr, a] = t(() => renderMarkdown(report));
  const [mdSummary, b] = t(() => renderMarkdown(report, { limit: MARKDOWN_LIMITS.stepSummary, maxRows: 2_000 }));
  const [json, c] = t(() => renderJson(report));
  const [junit, d] = t(() => renderJunit(report));
  const [html, e] = t(() => renderHtml(report));
  const bytes = { mdPr: Buffer.byteLength(a), mdSummary: Buffer.byteLength(b), json: Buffer.byteLength(c), junit: Buffer.byteLength(d), html: Buffer.byteLength(e) };
  const cpu = process.cpuUsage(cpuStart);
  return { build, mdPr, mdSummary, json, junit, html, total: build + mdPr + mdSummary + json + junit + html, cpu: (cpu.user + cpu.system) / 1000, bytes };
}

/** The fastest and the median round by total time (after one warm-up round). */
function measure(sources: ReportSources): { best: Timings; median: Timings } {
  once(sources);
  const rounds = Array.from({ length: ROUNDS }, () => once(sources)).sort((x, y) => x.total - y.total);
  return { best: rounds[0]!, median: rounds[Math.floor(ROUNDS / 2)]! };
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const kb = (v: number) => `${(v / 1024).toFixed(0)} KiB`;

function print(label: string, m: { best: Timings; median: Timings }): void {
  const r = m.best;
  console.log(`${label}: fastest round ${ms(r.total)} (median ${ms(m.median.total)}, CPU ${ms(r.cpu)}) — build ${ms(r.build)}, md (PR) ${ms(r.mdPr)}, md (summary) ${ms(r.mdSummary)}, json ${ms(r.json)}, junit ${ms(r.junit)}, html ${ms(r.html)}`);
  console.log(`  sizes: md (PR) ${kb(r.bytes.mdPr!)}, md (summary) ${kb(r.bytes.mdSummary!)}, json ${kb(r.bytes.json!)}, junit ${kb(r.bytes.junit!)}, html ${kb(r.bytes.html!)}`);
}

const load = loadavg()[0]!;
const flipsRounds = measure(benchSources(FLIPS, FLIPS));
const wideRounds = measure(benchSources(FLIPS, 10 * FLIPS));
const flipsOnly = flipsRounds.best;
const wide = wideRounds.best;
console.log(`bench:report — ${FLIPS.toLocaleString('en')} flips (a third P→F), 50 ledger iterations, ${ROUNDS} rounds; load average ${load.toFixed(1)} on ${availableParallelism()} CPUs`);
print(`${FLIPS.toLocaleString('en')} flips`, flipsRounds);
console.log(`  ratio to target (${TARGET_MS} ms): ${(flipsOnly.total / TARGET_MS).toFixed(3)}`);
print(`${FLIPS.toLocaleString('en')} flips among ${(10 * FLIPS).toLocaleString('en')} examples (information)`, wideRounds);
const met = flipsOnly.total < TARGET_MS && flipsOnly.bytes.mdPr! <= MARKDOWN_LIMITS.prBody && flipsOnly.bytes.mdSummary! <= MARKDOWN_LIMITS.stepSummary;
console.log(
  JSON.stringify({
    bench: 'report',
    flips: FLIPS,
    totalMs: Math.round(flipsOnly.total * 10) / 10,
    medianMs: Math.round(flipsRounds.median.total * 10) / 10,
    cpuMs: Math.round(flipsOnly.cpu * 10) / 10,
    buildMs: Math.round(flipsOnly.build * 10) / 10,
    mdMs: Math.round((flipsOnly.mdPr + flipsOnly.mdSummary) * 10) / 10,
    jsonMs: Math.round(flipsOnly.json * 10) / 10,
    junitMs: Math.round(flipsOnly.junit * 10) / 10,
    htmlMs: Math.round(flipsOnly.html * 10) / 10,
    ratio: Math.round((flipsOnly.total / TARGET_MS) * 1000) / 1000,
    wideExamples: 10 * FLIPS,
    wideTotalMs: Math.round(wide.total * 10) / 10,
    loadAverage: Math.round(load * 10) / 10,
    target: { totalMs: TARGET_MS, mdPrBytes: MARKDOWN_LIMITS.prBody },
    met,
  }),
);
