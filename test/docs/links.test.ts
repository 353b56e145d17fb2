import { readFile, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_\- ]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors a Markdown file's headings make (outside code fences). */
function anchorsIn(text: string): Set<string> {
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const m = !fenced && /^#{1,6} (.*)$/.exec(line);
    if (m) anchors.add(anchorOf(m[1]!));
  }
  return anchors;
}

/** Relative links `[text](target)` outside code fences. */
function linksIn(text: string): string[] {
  const prose = text.replace(/^```[\s\S]*?^```/gm, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z]+:/.test(t));
}

async function docPages(): Promise<string[]> {
  return (await readdir(join(repo, 'docs'))).filter((f) => f.endsWith('.md')).sort();
}

describe('README and docs/ (the front door and its reference pages)', () => {
  it('keeps the README a short front door', async () => {
    const readme = await readFile(join(repo, 'README.md'), 'utf8');
    expect(Buffer.byteLength(readme)).toBeLessThan(12 * 1024);
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm ci && npm test');
  });

  it('links every docs page from the README, and every page back to the README', async () => {
    const readme = await readFile(join(repo, 'README.md'), 'utf8');
    const linked = new Set(linksIn(readme).map((t) => t.split('#')[0]));
    for (const page of await docPages()) {
      expect(linked, `README links docs/${page}`).toContain(`docs/${page}`);
      const text = await readFile(join(repo, 'docs', page), 'utf8');
      expect(linksIn(text), `docs/${page} links back`).toContain('../README.md');
    }
  });

  it('has no relative link to a missing file or heading', async () => {
    const files = ['README.md', ...(await docPages()).map((p) => join('docs', p))];
    const broken: string[] = [];
    for (const file of files) {
      const text = await readFile(join(repo, file), 'utf8');
      for (const target of linksIn(text)) {
        const [path, anchor] = target.split('#') as [string, string | undefined];
        const into = path === '' ? join(repo, file) : resolve(dirname(join(repo, file)), path);
        if (!existsSync(into)) {
          broken.push(`${file}: ${target} (no such file)`);
          continue;
        }
        if (anchor !== undefined && into.endsWith('.md') && !anchorsIn(await readFile(into, 'utf8')).has(anchor)) {
          broken.push(`${file}: ${target} (no such heading)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});
