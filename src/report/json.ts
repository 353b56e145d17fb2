import type { Report } from './model.js';

/**
 * The whole report as one JSON document (`schema` + `schemaVersion` say how to read it). Key
 * order is fixed by buildReport, so the same input gives the same bytes. Compact by default:
 * with every example listed it runs to megabytes, and indentation would double that.
 */
export function renderJson(report: Report, options: { indent?: number } = {}): string {
  return `${JSON.stringify(report, null, options.indent)}\n`;
}
