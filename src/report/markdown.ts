import { flipsSection, header, intentSection, runsSection, symptomsSection, usageSection, type Section } from './markdown-sections.js';
import { evidenceSection } from './markdown-evidence.js';
import { patchSection } from './markdown-patch.js';
import type { Report } from './model.js';

/** GitHub's limits: a pull request body (characters) and a job's step summary (bytes). */
export const MARKDOWN_LIMITS = { prBody: 65_536, stepSummary: 1_048_576 } as const;

export interface MarkdownOptions {
  /** Largest output in UTF-8 bytes (default: a PR body's limit; bytes ≥ characters, so it holds for both). */
  limit?: number;
  /** Most rows of the flips table (default 100). */
  maxRows?: number;
  /** Most bytes of rc.patch shown (default 20,000). */
  maxPatchBytes?: number;
}

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const CUT_NOTE = '\n\n_…report cut here to fit the size limit; `agentdevel report --format html` shows everything._\n';

/**
 * The report as Markdown for a PR body or a job summary: the decision and its reasons first,
 * then flips, their evidence, symptoms, intent, diff, usage, runs. When it is too long, sections
 * lose detail from the least important (the diff, then symptoms, intent, evidence, and the flips
 * table last).
 */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const limit = options.limit ?? MARKDOWN_LIMITS.prBody;
  const shown: Section[] = [header, flipsSection(options.maxRows ?? 100), evidenceSection, symptomsSection, intentSection, patchSection(options.maxPatchBytes ?? 20_000), usageSection, runsSection];
  const cutOrder = ['patch', 'symptoms', 'intent', 'evidence', 'flips'];
  const levels = new Map(shown.map((s) => [s.name, 0]));
  const texts = new Map(shown.map((s) => [s.name, s.render(report, 0)]));
  const join = () =>
    `${shown
      .map((s) => texts.get(s.name) ?? '')
      .filter((t) => t !== '')
      .join('\n\n')}\n`;
  let out = join();
  for (const name of cutOrder) {
    const section = shown.find((s) => s.name === name);
    if (!section) continue;
    while (bytes(out) > limit && (levels.get(name) ?? 0) < section.levels - 1) {
      const level = (levels.get(name) ?? 0) + 1;
      levels.set(name, level);
      texts.set(name, section.render(report, level));
      out = join();
    }
  }
  return bytes(out) <= limit ? out : hardCut(out, limit);
}

/** Last resort (a header longer than the limit): cut at a line end and say so. */
function hardCut(text: string, limit: number): string {
  const room = Math.max(0, limit - bytes(CUT_NOTE));
  const cut = Buffer.from(text, 'utf8').subarray(0, room).toString('utf8').replace(/\uFFFD$/, '');
  const end = cut.lastIndexOf('\n');
  return `${end > 0 ? cut.slice(0, end) : cut}${CUT_NOTE}`;
}
