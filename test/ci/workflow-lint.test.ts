import { execa } from 'execa';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// action-validator (npm, offline: a WebAssembly build of the Rust linter) checks each workflow
// against GitHub's workflow schema and resolves `needs` to known jobs.
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const LINTER = join(REPO, 'node_modules', '.bin', 'action-validator');
const WORKFLOW_DIRS = [join(REPO, '.github', 'workflows'), join(REPO, 'templates', 'workflows')];

const workflows = (
  await Promise.all(WORKFLOW_DIRS.map(async (dir) => (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(dir, f))))
).flat();

const lint = (file: string) => execa(LINTER, [file], { reject: false });

// The validator says it cannot check path globs yet (the check workflow's pull_request paths):
// that notice, and nothing else, is let through; the workflow tests check those paths exactly.
const GLOB_NOTICE = /^WARNING: Glob validation is not yet supported\. Glob at \/on\/pull_request\/paths will not be validated\.\n?/m;

describe('workflow linter (action-validator)', () => {
  const scratch = mkdtemp(join(tmpdir(), 'agentdevel-lint-'));
  afterAll(async () => rm(await scratch, { recursive: true, force: true }));

  it.each(workflows.map((file) => [file.slice(REPO.length), file]))('accepts %s', async (_name, file) => {
    const result = await lint(file);
    expect((result.stdout + result.stderr).replace(GLOB_NOTICE, '')).toBe('');
    expect(result.exitCode).toBe(0);
  });

  it('is a real check: it refuses an unknown step key and a need of no job', async () => {
    const file = join(await scratch, 'broken.yml');
    await writeFile(file, 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    needs: [build]\n    steps:\n      - run: npm test\n        bogus: 1\n');
    const result = await lint(file);
    expect(result.exitCode).not.toBe(0);
    const report = result.stdout + result.stderr;
    expect(report).toContain("Additional property 'bogus' is not allowed");
    expect(report).toContain('unresolved job build');
  });
});
