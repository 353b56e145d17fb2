import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFileCommands } from '../ci/file-commands.js';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { git } from '../ci/helpers.js';
import { addPrices, breakHours, commit, initRepo, PROMPT } from './check-fixture.js';

const runsIn = async (root: string) => (await readdir(join(root, '.agentdevel', 'runs'))).sort();
const versionLineRefs = (root: string) => git(root, 'for-each-ref', '--format=%(refname)', 'refs/heads/agentdevel', 'refs/tags');

describe('agentdevel check, on a repository made by init', () => {
  it('says so, and runs nothing, when head holds the same blueprint as base', async () => {
    const root = await initRepo();
    for (const args of [['check'], ['check', '--head', 'HEAD'], ['check', '--base', 'main', '--head', 'main']]) {
      const same = await runCli(args, { cwd: root });
      expect(same.exitCode, same.stderr).toBe(0);
      expect(same.stdout).toMatch(/^nothing to check: .* holds the same blueprint of agent shop-assistant as .*; no run was made\.$/);
    }
    expect(await readdir(join(root, '.agentdevel')).catch(() => [])).not.toContain('runs');

    // What the pull-request workflow's plan and its gate job see then: same, and a report that says so.
    const plan = await runCli(['ci', 'check-plan'], { cwd: root });
    expect(plan.stdout).toContain('same=true');
    expect(plan.stdout).toMatch(new RegExp(`^base=${await git(root, 'rev-parse', 'HEAD')}$`, 'm'));
    expect((await runCli(['check', '--out', 'out'], { cwd: root })).exitCode).toBe(0);
    expect(await readFile(join(root, 'out', 'report.md'), 'utf8')).toMatch(/^## ➖ Nothing to check: agent shop-assistant\n\nnothing to check: /);
    const ci = await runCli(['ci', 'check', '--dir', 'out'], { cwd: root });
    expect(ci.stdout).toContain('exit-code=0');
    expect(ci.stdout).toContain('decision=none');
  }, 60_000);

  it('a hand edit that breaks a must-pass example: exit 10, the report shows its task, expected value and both answers; nothing in git moves', async () => {
    const root = await initRepo();
    const head = await git(root, 'rev-parse', 'HEAD');
    await breakHours(root);
    const checked = await runCli(['check', '--out', 'out'], { cwd: root, timeout: 60_000 });
    expect(checked.exitCode, checked.stderr).toBe(10);
    expect(checked.stdout).toMatch(/^❌ Reject: agent shop-assistant, check of working tree \(uncommitted files included\) against merge base with main \([0-9a-f]{12}\), gate policy default \(simulated world\)$/m);
    // It fixes nothing, so no rerun could save it: decided without confirmation reruns, the broken must-pass example named.
    expect(checked.stdout).toContain('✘ min-f2p:');
    const md = await readFile(join(root, 'out', 'report.md'), 'utf8');
    expect(md).toMatch(/flip\(s\) left unconfirmed \([^)]*shop-faq\/hours-closing[^)]*\): no rerun can change the decision/);
    const block = md.slice(md.indexOf('<details><summary>P→F (must-pass, unconfirmed) shop-faq/hours-closing'));
    const body = block.slice(0, block.indexOf('\n</details>'));
    expect(body).toContain('What time do you close on Friday?');
    expect(body).toContain('{"match":["18:00"]}');
    expect(body).toMatch(/\*\*Baseline\*\* \(pass\)\n\n```text\nOn Fridays we close at 18:00\.\n```/);
    expect(body).toMatch(/\*\*Release candidate\*\* \(fail\)\n\n```text\nOn Fridays we close at 20:00\.\n```/);
    expect(body).toContain('Scorer: answer "On Fridays we close at 20:00."');
    // The must-pass regression is the first block.
    expect(md.indexOf('<details><summary>P→F (must-pass, unconfirmed) shop-faq/hours-closing')).toBe(md.indexOf('<details><summary>'));
    const json = JSON.parse(await readFile(join(root, 'out', 'report.json'), 'utf8')) as { check: { head: { ref: string; commit: string | null } }; outcome: string };
    expect(json.outcome).toBe('reject');
    expect(json.check.head).toEqual({ ref: 'working tree', commit: null });
    for (const name of ['report.junit.xml', 'report.html']) expect((await readFile(join(root, 'out', name), 'utf8')).length).toBeGreaterThan(0);

    // Never the version line, a tag, HEAD or the user's files.
    expect(await versionLineRefs(root)).toBe('');
    expect(await git(root, 'rev-parse', 'HEAD')).toBe(head);
    expect((await git(root, 'status', '--porcelain', '--untracked-files=no')).trim()).toBe(`M ${PROMPT}`);

    // In Actions: the report into the job summary, annotations on the example's suite line and the changed prompt, the verdict as outputs.
    const runner = await mkdtemp(join(tmpdir(), 'agentdevel-runner-'));
    const actions = { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: join(runner, 'summary.md'), GITHUB_OUTPUT: join(runner, 'output') };
    const ci = await runCli(['ci', 'check', '--dir', 'out'], { cwd: root, env: actions });
    expect(ci.exitCode, ci.stderr).toBe(0);
    expect(await readFile(actions.GITHUB_STEP_SUMMARY, 'utf8')).toBe(md);
    const line = (await readFile(join(root, 'specs', 'shop-faq.yaml'), 'utf8')).split('\n').findIndex((l) => l.includes('- id: hours-closing')) + 1;
    const commands = ci.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(commands.some((c) => c.startsWith(`::warning file=specs/shop-faq.yaml,line=${line},title=Unconfirmed P→F%3A shop-faq/hours-closing::shop-faq/hours-closing passed on the base and failed on the head`) && c.includes('a must-pass example'))).toBe(true);
    // A check's report names the versions it compared: base and head, not a release candidate.
    expect(md).toMatch(/^\| Flip \| Example \| Suite \| Split \| Baseline \| Head \|/m);
    expect(commands.filter((c) => c.startsWith(`::error file=${PROMPT},title=agentdevel check%3A reject::`))).toHaveLength(1);
    expect(parseFileCommands(await readFile(actions.GITHUB_OUTPUT, 'utf8'))).toMatchObject({ decision: 'reject', 'exit-code': '10' });
    await rm(runner, { recursive: true, force: true });

    // The same check again reuses both runs and the decision.
    const runs = await runsIn(root);
    const again = await runCli(['check'], { cwd: root, timeout: 60_000 });
    expect(again.exitCode).toBe(10);
    expect(again.stdout).toContain('(decided before: gate.json of this check was read back)');
    expect(await runsIn(root)).toEqual(runs);
  }, 120_000);

  it('a hand edit that fixes examples: exit 0; the same change committed and named by refs reuses the runs by their id', async () => {
    const root = await initRepo();
    await addPrices(root);
    const checked = await runCli(['check', '--json'], { cwd: root, timeout: 60_000 });
    expect(checked.exitCode, checked.stderr).toBe(0);
    const result = JSON.parse(checked.stdout) as { decision: string; check: { runs: { baseline: string; candidate: string }; head: { commit: string | null } } };
    expect(result.decision).toBe('accept');
    expect(result.check.head.commit).toBeNull();

    const runs = await runsIn(root);
    await git(root, 'checkout', '--quiet', '-b', 'prices');
    await commit(root, 'prices in the prompt');
    await git(root, 'checkout', '--quiet', 'main');
    const byRef = await runCli(['check', '--base', 'main', '--head', 'prices', '--json'], { cwd: root, timeout: 60_000 });
    expect(byRef.exitCode, byRef.stderr).toBe(0);
    const second = JSON.parse(byRef.stdout) as typeof result;
    expect(second.check.runs).toEqual(result.check.runs);
    expect(second.check.head.commit).toBe(await git(root, 'rev-parse', 'prices'));
    expect(await runsIn(root)).toEqual(runs);
    expect(await versionLineRefs(root)).toBe('');
  }, 120_000);

  it('refuses refs that do not exist and a policy that does not, with coded errors', async () => {
    const root = await initRepo();
    await addPrices(root);
    const base = await runCli(['check', '--base', 'no-such-branch'], { cwd: root });
    expect(base.exitCode).toBe(2);
    expect(base.stderr).toContain('ENOT_FOUND --base no-such-branch: no such commit, branch or tag');
    const head = await runCli(['check', '--head', 'v9'], { cwd: root });
    expect(head.exitCode).toBe(2);
    expect(head.stderr).toContain('ENOT_FOUND --head v9');
    const policy = await runCli(['check', '--gate', 'no-such-policy'], { cwd: root });
    expect(policy.exitCode).toBe(2);
    expect(policy.stderr).toMatch(/^E[A-Z_]+ .*no-such-policy/m);
  }, 60_000);
});
