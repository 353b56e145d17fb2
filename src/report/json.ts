import type { Report } from './model.js';

/**
 * The whole report as one JSON document (`schema` + `schemaVersion` say how to read it). Key
 * order is fixed by buildReport, so the same input gives the same bytes.
 */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
