/**
 * Reports: one document built from the stages' files (buildReport), rendered as Markdown for a
 * PR body or job summary, JSON, JUnit XML and a self-contained HTML page with SVG charts. The
 * renderers are pure; read.ts is the thin edge that reads an iteration's files.
 */
export type * from './input.js';
export { buildReport, REPORT_SCHEMA, REPORT_SCHEMA_VERSION, type Report, type ExampleRow, type FlipRow, type FlipStatus } from './model.js';
export { reportInput, type ReportSources, type CritiqueLabels, type SynthesisUsage } from './sources.js';
export { gateInput, ledgerPoint, diagnosisInput, symptomCounts } from './adapt.js';
export { renderMarkdown, MARKDOWN_LIMITS, type MarkdownOptions } from './markdown.js';
export { renderJson } from './json.js';
export { renderJunit } from './junit.js';
export { renderHtml, type HtmlOptions } from './html.js';
export { renderReport, reportFormats, reportFileNames, type ReportFormat } from './render.js';
export { SIMULATED_REPORT_NOTE, decisionLine } from './wording.js';
export { evidenceOf, answerOf, representative, valueText, EVIDENCE_CLIP } from './evidence.js';
export { answerDiff } from './html-evidence.js';
export { patchView, type PatchView, type PatchFileStat } from './patch.js';
export { readIterationFolder, readSymptomHistory, parseLedgerText, ITERATION_FILES, type Missing } from './read.js';
// The pieces of the HTML page and its charts, for other self-contained pages (the study's).
export { band, countScale, emptyNote, legend, n1, PLOT, plotHeight, plotWidth, svgFrame, xAxis, yAxis, yOf } from './svg.js';
export { HTML_STYLE } from './html-style.js';
export { htmlText, markdownCell, markdownText } from './escape.js';
export { integer, percent } from './format.js';
