import { access, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { git } from '../ci/helpers.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SCAFFOLD = [
  '.github/workflows/agentdevel-check.yml',
  '.github/workflows/agentdevel-release.yml',
  'agentdevel.yaml',
  'agents/shop-assistant/agent.yaml',
  'agents/shop-assistant/prompts/system.md',
  'gates/default.yaml',
  'specs/shop-faq.yaml',
];

const exists = (path: string) => access(path).then(() => true, () => false);

describe('agentdevel init, as a new user meets it', () => {
  it('scaffolds and commits only its own files; release --dry-run then works on the simulated world', { timeout: 90_000 }, async () => {
    const root = await tempDir('agentdevel-init-');
    await git(root, 'init', '--quiet');
    await writeFile(join(root, '.gitignore'), 'node_modules/\n');
    await git(root, 'add', '.gitignore');
    await git(root, 'commit', '--quiet', '-m', 'the user project');
    await writeFile(join(root, 'notes.txt'), 'staged by the user, not theirs to commit\n');
    await git(root, 'add', 'notes.txt');

    const init = await runCli(['init'], { cwd: root, env: { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' } });
    expect(init.exitCode, init.stderr).toBe(0);
    for (const path of SCAFFOLD) expect(init.stdout).toContain(`  created   ${path}`);
    expect(init.stdout).toContain('  appended  .gitignore: .agentdevel/');
    expect(init.stdout).toMatch(/ {2}committed these files as [0-9a-f]{12} on main/);

    expect((await git(root, 'show', '--name-only', '--format=', 'HEAD')).split('\n').sort()).toEqual(['.gitignore', ...SCAFFOLD].sort());
    expect(await git(root, 'diff', '--cached', '--name-only'), "the user's staged change stays staged").toBe('notes.txt');
    expect(await readFile(join(root, '.gitignore'), 'utf8')).toBe("node_modules/\n# agentdevel's working store (runs, cache, iterations)\n.agentdevel/\n");
    for (const workflow of ['agentdevel-release.yml', 'agentdevel-check.yml']) expect(await readFile(join(root, '.github/workflows', workflow), 'utf8')).toBe(await readFile(join(REPO, '.github/workflows', workflow), 'utf8'));
    expect(await readFile(join(root, 'gates/default.yaml'), 'utf8')).toBe(await readFile(join(REPO, 'gates/default.yaml'), 'utf8'));

    // The hints name the binary as a dev install reaches it (npx), validate first; each works.
    const next = init.stdout.slice(init.stdout.indexOf('Next:\n') + 6).split('\n').filter((l) => l.startsWith('  npx '));
    expect(next.map((l) => l.split('#')[0]!.trim())).toEqual(['npx agentdevel validate', 'npx agentdevel release --dry-run', 'npx agentdevel release']);
    const validate = await runCli(['validate'], { cwd: root });
    expect(validate.exitCode, validate.stderr).toBe(0);
    // The default gate's holdout rule (no net holdout loss) means what it says on any holdout size: no warning.
    expect(validate.stdout).not.toContain('warning:');
    // The strict gate's 2% is more than one of the example suite's few holdout examples, and validate says so (a warning, exit 0).
    await cp(join(REPO, 'gates/strict.yaml'), join(root, 'gates/strict.yaml'));
    const config = join(root, 'agentdevel.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace('gate: default', 'gate: strict'));
    const strict = await runCli(['validate'], { cwd: root });
    expect(strict.exitCode, strict.stderr).toBe(0);
    expect(strict.stdout).toMatch(/^warning: holdout split too small for gate strict \(holdout\.maxDrop 0\.02\) on suites shop-faq: with \d+ holdout examples? one regression is a drop of [\d.]+%, over the 2\.0% allowed: .*about 50 holdout examples would let it mean 2\.0%; at the holdout share of \d+%, about \d+ examples in all$/m);
    await git(root, 'checkout', '--quiet', '--', 'agentdevel.yaml');
    await rm(join(root, 'gates/strict.yaml'));

    const head = await git(root, 'rev-parse', 'HEAD');
    const dry = await runCli(['release', '--dry-run'], { cwd: root, timeout: 80_000 });
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^iteration 1 {2}v0 → /m);
    expect(dry.stdout).toContain('dry run: nothing was committed, tagged or moved in git');
    expect(dry.stdout).toContain('simulated world');
    expect(await git(root, 'rev-parse', 'HEAD')).toBe(head);
    expect(await git(root, 'for-each-ref', '--format=%(refname)', 'refs/heads/agentdevel', 'refs/tags')).toBe('');
  });

  it('lists every conflict at once and writes nothing; --force overwrites; .gitignore gets the store once', async () => {
    const root = await tempDir('agentdevel-init-');
    await writeFile(join(root, 'agentdevel.yaml'), 'store: .mine\n');
    await mkdir(join(root, 'specs'));
    await writeFile(join(root, 'specs', 'shop-faq.yaml'), 'mine\n');

    const refused = await runCli(['init'], { cwd: root });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`^EINIT_CONFLICT init would overwrite 2 existing files in ${root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: agentdevel\\.yaml, specs/shop-faq\\.yaml$`, 'm'));
    expect(refused.stderr).toContain('Nothing was written.');
    expect(refused.stderr).toContain('agentdevel init --force');
    expect(await exists(join(root, 'agents'))).toBe(false);
    expect(await exists(join(root, '.gitignore'))).toBe(false);
    expect(await readFile(join(root, 'agentdevel.yaml'), 'utf8')).toBe('store: .mine\n');

    const forced = await runCli(['init', '--force', '--json'], { cwd: root });
    expect(forced.exitCode, forced.stderr).toBe(0);
    const result = JSON.parse(forced.stdout) as { files: Array<{ path: string; action: string }>; gitignore: string; commit: { status: string } };
    expect(result.files.filter((f) => f.action === 'overwrote').map((f) => f.path)).toEqual(['agentdevel.yaml', 'specs/shop-faq.yaml']);
    expect(result.files.map((f) => f.path)).toEqual(SCAFFOLD);
    expect(result).toMatchObject({ gitignore: 'appended', commit: { status: 'not-a-repo' } });
    expect(forced.stderr).toContain('git init && git add');
    expect(await readFile(join(root, 'agentdevel.yaml'), 'utf8')).toBe(await readFile(join(REPO, 'templates/init/agentdevel.yaml'), 'utf8'));

    const again = await runCli(['init', '--force'], { cwd: root });
    expect(again.stdout).toContain('  kept      .gitignore (it already ignores .agentdevel/)');
    expect((await readFile(join(root, '.gitignore'), 'utf8')).match(/^\.agentdevel\/$/gm)).toHaveLength(1);
    const valid = await runCli(['validate'], { cwd: root });
    expect(valid.exitCode, valid.stderr + valid.stdout).toBe(0);
  });
});
