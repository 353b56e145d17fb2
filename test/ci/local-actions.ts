import { execa } from 'execa';
import { cp, mkdir, readdir, stat } from 'node:fs/promises';
import { join, normalize, relative, resolve, sep } from 'node:path';

/**
 * The actions the workflows use, played locally: checkout is a clone of the bare origin (all
 * branches and tags, as fetch-depth: 0 gives), setup-node is the Node running the tests, and
 * the artifact actions copy folders into and out of one artifacts folder per workflow run.
 */
export async function checkout(origin: string, ref: string, workspace: string): Promise<void> {
  await execa('git', ['clone', '--quiet', '--no-hardlinks', `file://${origin}`, workspace]);
  await execa('git', ['checkout', '--quiet', ref], { cwd: workspace });
}

/** upload-artifact: one folder (its contents become the artifact's root), `!` lines excluded, hidden entries only with include-hidden-files. */
export async function uploadArtifact(workspace: string, artifacts: string, input: Record<string, string>): Promise<void> {
  const lines = String(input.path).split('\n').map((l) => l.trim()).filter(Boolean);
  const include = lines.filter((l) => !l.startsWith('!'));
  const exclude = lines.filter((l) => l.startsWith('!')).map((l) => normalize(resolve(workspace, l.slice(1))));
  if (include.length !== 1) throw new Error(`upload-artifact: one include path expected, got ${include.join(', ')}`);
  const root = normalize(resolve(workspace, include[0]!));
  const hidden = String(input['include-hidden-files']) === 'true';
  const target = join(artifacts, input.name!);
  const exists = await stat(root).then(() => true, () => false);
  let copied = 0;
  if (exists) {
    await cp(root, target, {
      recursive: true,
      filter: (source) => {
        // Hidden as upload-artifact judges it: any dot-named folder on the way, from the workspace (or the path, outside it).
        const inner = relative(source.startsWith(`${workspace}${sep}`) ? workspace : root, source);
        if (exclude.some((x) => normalize(source) === x.replace(/[\\/]$/, '') || normalize(source).startsWith(x.endsWith(sep) ? x : `${x}${sep}`))) return false;
        if (!hidden && inner.split(sep).some((part) => part.startsWith('.') && part !== '.' && part !== '..')) return false;
        return true;
      },
    });
    copied = (await listFiles(target)).length;
  }
  if (copied === 0 && (input['if-no-files-found'] ?? 'warn') === 'error') throw new Error(`upload-artifact ${input.name}: no files found at ${include[0]}`);
}

/** download-artifact: by name into path, or every artifact matching pattern (merged, or one folder each). */
export async function downloadArtifact(workspace: string, artifacts: string, input: Record<string, string>): Promise<void> {
  const path = resolve(workspace, input.path ?? '.');
  const names = await readdir(artifacts).catch(() => [] as string[]);
  if (input.name) {
    if (!names.includes(input.name)) throw new Error(`download-artifact: no artifact named ${input.name}`);
    await cp(join(artifacts, input.name), path, { recursive: true });
    return;
  }
  const pattern = new RegExp(`^${String(input.pattern).split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  const matching = names.filter((n) => pattern.test(n));
  if (matching.length === 0) throw new Error(`download-artifact: no artifact matches ${input.pattern}`);
  for (const name of matching) await cp(join(artifacts, name), String(input['merge-multiple']) === 'true' ? path : join(path, name), { recursive: true });
}

export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else out.push(path);
  }
  return out;
}

export async function ensureDir(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  return dir;
}
