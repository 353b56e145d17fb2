import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { FakeGitHub } from './fake-github.js';

const servers: FakeGitHub[] = [];
afterEach(async () => {
  while (servers.length > 0) await servers.pop()!.stop();
});

async function setup(): Promise<{ github: FakeGitHub; root: string; env: Record<string, string> }> {
  const github = new FakeGitHub();
  servers.push(github);
  const api = await github.start();
  const root = await tempDir('agentdevel-comment-');
  const init = await runCli(['init', '--no-commit'], { cwd: root });
  if (init.exitCode !== 0) throw new Error(init.stderr);
  await writeFile(join(root, 'event.json'), JSON.stringify({ action: 'synchronize', number: 7, pull_request: { number: 7 } }));
  return { github, root, env: { GITHUB_API_URL: api, GITHUB_REPOSITORY: 'octo/shop', GITHUB_TOKEN: 'ghs_faketoken', GITHUB_EVENT_PATH: join(root, 'event.json') } };
}

describe('agentdevel ci comment: one sticky pull-request comment', () => {
  it('creates the comment on the first push and edits that same one on every later push, found by its hidden marker past the first page', async () => {
    const { github, root, env } = await setup();
    // 120 comments by people first: the marker must be looked for on the second page too.
    for (let i = 0; i < 120; i++) github.add(`review comment ${i}`);
    await writeFile(join(root, 'report.md'), '## ❌ Reject: first push\n');
    const first = await runCli(['ci', 'comment', '--body', 'report.md', '--json'], { cwd: root, env });
    expect(first.exitCode, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ action: 'created', pullRequest: 7 });
    expect(github.comments).toHaveLength(121);

    for (const push of ['second', 'third']) {
      await writeFile(join(root, 'report.md'), `## ✅ Accept: ${push} push\n`);
      const next = await runCli(['ci', 'comment', '--body', 'report.md'], { cwd: root, env });
      expect(next.exitCode, next.stderr).toBe(0);
      expect(next.stdout).toMatch(/^comment: updated comment \d+ on pull request #7/);
    }
    const ours = github.comments.filter((c) => c.body.includes('<!-- agentdevel-check: shop-assistant -->'));
    expect(ours).toHaveLength(1);
    expect(ours[0]!.body).toBe('<!-- agentdevel-check: shop-assistant -->\n## ✅ Accept: third push\n');
    expect(github.comments).toHaveLength(121);
    expect(github.comments.filter((c) => c.body.startsWith('review comment'))).toHaveLength(120);
    expect(new Set(github.requests.map((r) => r.auth))).toEqual(new Set(['Bearer ghs_faketoken']));
    expect(github.requests.filter((r) => r.method === 'GET').some((r) => r.url.includes('page=2'))).toBe(true);
    expect(github.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(github.requests.filter((r) => r.method === 'PATCH')).toHaveLength(2);
  });

  it('keeps one comment per agent (--pr names the pull request) and refuses what it cannot do with coded errors', async () => {
    const { github, root, env } = await setup();
    await writeFile(join(root, 'report.md'), 'report\n');
    const other = await runCli(['ci', 'comment', '--agent', 'shop-assistant', '--pr', '9', '--body', 'report.md'], { cwd: root, env });
    expect(other.exitCode, other.stderr).toBe(0);
    expect(github.requests.at(-1)!.url).toBe('/repos/octo/shop/issues/9/comments');

    const noToken = await runCli(['ci', 'comment', '--body', 'report.md'], { cwd: root, env: { ...env, GITHUB_TOKEN: '' } });
    expect(noToken.exitCode).toBe(3);
    expect(noToken.stderr).toMatch(/^ECI_ENV ci comment: GITHUB_TOKEN is not set/m);
    const noBody = await runCli(['ci', 'comment'], { cwd: root, env });
    expect(noBody.exitCode).toBe(2);
    expect(noBody.stderr).toMatch(/^EUSAGE ci comment: --body <file> is required/m);

    github.failWith = 403;
    const refused = await runCli(['ci', 'comment', '--body', 'report.md'], { cwd: root, env });
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/^EGITHUB_API GET .*\/repos\/octo\/shop\/issues\/7\/comments\?per_page=100&page=1: HTTP 403: Resource not accessible by integration/m);
    expect(refused.stderr + refused.stdout).not.toContain('ghs_faketoken');
  });
});
