import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fail } from '../../core/errors.js';
import { writeFileAtomic } from '../../store/index.js';
import type { CliContext } from '../context.js';
import { commitScaffold, type InitCommit } from './init-commit.js';
import { gitignoreWith, scaffoldFiles, STORE_IGNORE } from './init-scaffold.js';

/**
 * `agentdevel init [--force] [--no-commit]`: scaffolds a project in the working directory:
 * agentdevel.yaml, an example agent, suite and gate on the simulated world, the store's line
 * in .gitignore (appended once), and the GitHub Actions release workflow; then commits those
 * files (only those) in the repository, so `agentdevel release --dry-run` works at once. Any
 * file that exists is a conflict: all of them are listed at once and nothing is written
 * (exit 2), unless --force.
 */
export default async function init(_args: string[], options: Record<string, unknown>, ctx: CliContext): Promise<number> {
  const root = ctx.cwd;
  const force = Boolean(options.force);
  const files = await scaffoldFiles();
  const existing: string[] = [];
  for (const file of files) if (await exists(join(root, file.path))) existing.push(file.path);
  if (existing.length > 0 && !force) {
    return fail('EINIT_CONFLICT', `init would overwrite ${existing.length} existing file${existing.length === 1 ? '' : 's'} in ${root}: ${existing.join(', ')}`, {
      data: { conflicts: existing },
      details: 'Nothing was written. Move or delete those files, or rerun `agentdevel init --force` to overwrite them.',
    });
  }
  for (const file of files) await writeFileAtomic(join(root, file.path), await readFile(file.source));
  const ignorePath = join(root, '.gitignore');
  const ignore = gitignoreWith(await readFile(ignorePath, 'utf8').catch(() => null), STORE_IGNORE);
  if (ignore !== null) await writeFileAtomic(ignorePath, ignore);

  const written = files.map((f) => ({ path: f.path, action: existing.includes(f.path) ? 'overwrote' : 'created' }));
  const paths = [...files.map((f) => f.path), ...(ignore === null ? [] : ['.gitignore'])];
  const commit: InitCommit | { status: 'skipped' } = options.commit === false ? { status: 'skipped' } : await commitScaffold(root, paths);
  const lines = [
    `agentdevel init in ${root}:`,
    ...written.map((w) => `  ${w.action.padEnd(9)} ${w.path}`),
    ignore === null ? `  kept      .gitignore (it already ignores ${STORE_IGNORE})` : `  appended  .gitignore: ${STORE_IGNORE}`,
    commitLine(commit),
    '',
    'Every role runs on the simulated world (baseURL: sim in agentdevel.yaml): its results say so, and no model is needed.',
    'Next:',
    ...(commit.status === 'committed' ? [] : [`  ${commit.status === 'not-a-repo' ? 'git init && ' : ''}git add ${paths.join(' ')} && git commit -m "agentdevel init"`]),
    // npx: after `npm install --save-dev agentdevel` the binary is in node_modules/.bin, not on PATH.
    '  npx agentdevel validate              # check every file; every problem listed at once',
    '  npx agentdevel release --dry-run     # one iteration on the simulated world, nothing written to git',
    '  npx agentdevel release               # three iterations on the version line agentdevel/shop-assistant',
    `  GitHub Actions: push, then run the "agentdevel release" workflow (${files.find((f) => f.path.startsWith('.github/'))?.path})`,
  ];
  ctx.result(lines.join('\n'), { root, files: written, gitignore: ignore === null ? 'kept' : 'appended', commit });
  return 0;
}

function commitLine(commit: InitCommit | { status: 'skipped' }): string {
  switch (commit.status) {
    case 'committed':
      return `  committed these files as ${commit.commit.slice(0, 12)} on ${commit.branch}`;
    case 'skipped':
      return '  not committed (--no-commit): commit them before `agentdevel release`';
    case 'not-a-repo':
      return '  not committed: this folder is not in a git repository (the version line of an agent is a git branch)';
    case 'failed':
      return `  not committed: ${commit.reason}`;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}
