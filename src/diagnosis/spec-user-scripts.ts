import { fenced } from './markdown.js';
import type { UserScriptResult } from './types.js';

const OUTPUT_LIMIT = 4_000;

/** The spec's section on the project's own diagnosis scripts: each one's status, file hash and result. */
export function specUserScripts(results: readonly UserScriptResult[]): string {
  if (results.length === 0) return '';
  const lines = ['## User scripts', ''];
  for (const r of results) {
    const exit = r.signal ? `signal ${r.signal}` : r.exitCode === null ? 'not run' : `exit ${r.exitCode}`;
    lines.push(`### ${r.path}`, '', `- status: ${r.status} (${exit}); sha256 ${r.sha256 ?? '(unreadable)'}`);
    if (r.error) lines.push(`- problem: ${r.error}`);
    if (r.status === 'ok') {
      const text = JSON.stringify(r.output, null, 2);
      lines.push('', fenced(text.length > OUTPUT_LIMIT ? `${text.slice(0, OUTPUT_LIMIT)}\n… [${text.length - OUTPUT_LIMIT} more characters in diagnosis.json]` : text, 'json'));
    }
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}
