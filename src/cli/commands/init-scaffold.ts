import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed package: templates/ and gates/ sit next to dist/ (or src/). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The release workflow users copy: one source, which `.github/workflows/` of agentdevel's own repository mirrors. */
export const WORKFLOW_TEMPLATE = join(PACKAGE_ROOT, 'templates', 'workflows', 'agentdevel-release.yml');
export const WORKFLOW_PATH = '.github/workflows/agentdevel-release.yml';
/** The pull-request workflow (`agentdevel check` on every PR touching an agent), scaffolded next to it. */
export const CHECK_WORKFLOW_PATH = '.github/workflows/agentdevel-check.yml';

/** The store's entry in .gitignore (the scaffolded agentdevel.yaml says `store: .agentdevel`). */
export const STORE_IGNORE = '.agentdevel/';

export interface ScaffoldFile {
  /** Where it goes, relative to the project root, `/`-separated. */
  path: string;
  /** The file it is copied from. */
  source: string;
}

/** Every file `agentdevel init` writes: templates/init/, the shipped default gate, the release and check workflows. */
export async function scaffoldFiles(root = PACKAGE_ROOT): Promise<ScaffoldFile[]> {
  const base = join(root, 'templates', 'init');
  const files = (await walk(base)).map((source) => ({ path: relative(base, source).split(sep).join('/'), source }));
  files.push({ path: 'gates/default.yaml', source: join(root, 'gates', 'default.yaml') });
  files.push({ path: WORKFLOW_PATH, source: join(root, 'templates', 'workflows', 'agentdevel-release.yml') });
  files.push({ path: CHECK_WORKFLOW_PATH, source: join(root, 'templates', 'workflows', 'agentdevel-check.yml') });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/**
 * .gitignore with the entry appended, or null when it already ignores it (written as
 * `.agentdevel`, `.agentdevel/`, `/.agentdevel` or `/.agentdevel/`). Only appends: the
 * user's lines stay as they are, and a second init adds nothing.
 */
export function gitignoreWith(existing: string | null, entry: string): string | null {
  const bare = (line: string) => line.trim().replace(/^\//, '').replace(/\/$/, '');
  const lines = (existing ?? '').split(/\r?\n/);
  if (lines.some((line) => bare(line) === bare(entry))) return null;
  const text = existing ?? '';
  const separator = text === '' || text.endsWith('\n') ? '' : '\n';
  return `${text}${separator}# agentdevel's working store (runs, cache, iterations)\n${entry}\n`;
}
