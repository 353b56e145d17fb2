import { codeFence, markdownText } from './escape.js';
import { integer } from './format.js';
import type { Section } from './markdown-sections.js';

/** Cuts the patch at a line end within `maxBytes` (UTF-8). */
function cutPatch(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const cut = Buffer.from(text, 'utf8').subarray(0, maxBytes).toString('utf8').replace(/\uFFFD$/, '');
  const end = cut.lastIndexOf('\n');
  return end >= 0 ? cut.slice(0, end + 1) : '';
}

export function patchSection(maxBytes: number): Section {
  const steps = [maxBytes, ...[8_000, 2_000].filter((n) => n < maxBytes), 0];
  return {
    name: 'patch',
    levels: steps.length,
    render(r, level) {
      const p = r.patch;
      if (p === null) return '';
      const added = p.files.reduce((n, f) => n + f.added, 0);
      const removed = p.files.reduce((n, f) => n + f.removed, 0);
      const out = [`### Blueprint diff`, ''];
      for (const f of p.files) out.push(`- ${f.action} ${markdownText(f.path, 200)} (+${f.added} −${f.removed})`);
      if (!p.parsed) out.push('- (rc.patch is not a unified diff this report could read; shown as is)');
      const budget = steps[level] ?? 0;
      if (budget === 0) {
        out.push('', `_The diff (${integer(p.bytes)} bytes) is left out to fit the size limit; it is rc.patch in the iteration folder._`);
        return out.join('\n');
      }
      const shown = cutPatch(p.text, budget);
      const fence = codeFence(shown);
      out.push('', `<details><summary>rc.patch: ${integer(p.files.length)} file(s), +${added} −${removed}</summary>`, '', `${fence}diff`, shown.replace(/\n$/, ''), fence, '', '</details>');
      if (shown.length < p.text.length) out.push('', `_Diff cut at ${integer(Buffer.byteLength(shown, 'utf8'))} of ${integer(p.bytes)} bytes; the whole patch is rc.patch in the iteration folder._`);
      return out.join('\n');
    },
  };
}
