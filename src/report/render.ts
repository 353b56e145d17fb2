import { mask } from '../core/secrets.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown, type MarkdownOptions } from './markdown.js';
import type { Report } from './model.js';

export const reportFormats = ['md', 'json', 'junit', 'html'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** The file name each format is usually written to. */
export const reportFileNames: Record<ReportFormat, string> = { md: 'report.md', json: 'report.json', junit: 'report.junit.xml', html: 'report.html' };

/**
 * The report in one of its formats, with every registered secret masked (a key pasted into an
 * intent or an example id never reaches a PR body or a committed report).
 */
export function renderReport(report: Report, format: ReportFormat, options: { markdown?: MarkdownOptions; maxRows?: number } = {}): string {
  return mask(render(report, format, options));
}

function render(report: Report, format: ReportFormat, options: { markdown?: MarkdownOptions; maxRows?: number }): string {
  switch (format) {
    case 'md':
      return renderMarkdown(report, options.markdown);
    case 'json':
      return renderJson(report);
    case 'junit':
      return renderJunit(report);
    case 'html':
      return renderHtml(report, options.maxRows === undefined ? {} : { maxRows: options.maxRows });
  }
}
