import { access, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { printedCommands } from '../helpers/printed-commands.js';
import { git } from '../synthesis/git-fixture.js';

interface DemoJson {
  demo: { repo: string; seconds: number };
  agent: string;
  iterations: Array<{ n: number; decision: string }>;
  reports: { html: string; md: string };
  simulated: boolean;
  holdout: { passRate: number | null } | null;
}

describe('agentdevel release --demo (the README\'s main job: npm run demo)', () => {
  it('makes a fresh repository from the shipped files, releases support-bot for three iterations on the simulated world, and says where everything is', async () => {
    const result = await runCli(['release', '--demo', '--json'], { timeout: 300_000 });
    expect(result.exitCode, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as DemoJson;
    try {
      expect(out).toMatchObject({ agent: 'support-bot', simulated: true });
      expect(out.iterations.map((i) => i.n)).toEqual([1, 2, 3]);
      expect(out.holdout?.passRate).toEqual(expect.any(Number));
      // The summary says where the repository and the reports are, and that the results are simulated.
      expect(result.stderr).toContain(`demo repository: ${out.demo.repo}`);
      expect(result.stderr).toContain(out.reports.html);
      expect(result.stderr).toContain(out.reports.md);
      expect(result.stderr).toContain('every result above comes from the simulated world, not a real model');
      await access(out.reports.html);
      expect(await readFile(out.reports.md, 'utf8')).toMatch(/simulated world/i);

      // The repository: the shipped files in one commit on main, the version line with a ledger line per iteration.
      const repo = out.demo.repo;
      expect(await git(repo, 'log', '--format=%s', 'main')).toMatch(/^The agentdevel demo/);
      for (const path of ['agents/support-bot/agent.yaml', 'specs/support-desk.yaml', 'gates/default.yaml', 'agentdevel.yaml']) await access(join(repo, path));
      const ledger = (await git(repo, 'show', 'agentdevel/support-bot:releases/support-bot/ledger.jsonl')).split('\n').map((l) => JSON.parse(l) as { iteration: number; decision: string; simulated: boolean; candidateHash?: string });
      expect(ledger.map((e) => [e.iteration, e.decision])).toEqual(out.iterations.map((i) => [i.n, i.decision]));
      expect(ledger.every((e) => e.simulated)).toBe(true);
      // No candidate identical to an earlier one was run (the engineer sees the refused ones and the loop refuses repeats).
      const hashes = ledger.flatMap((e) => (e.candidateHash ? [e.candidateHash] : []));
      expect(hashes.length).toBeGreaterThan(0);
      expect(new Set(hashes).size).toBe(hashes.length);
      expect(await git(repo, 'status', '--porcelain')).toBe('');

      // A refused patch is part of the normal path, and its line says so.
      for (const line of result.stderr.split('\n').filter((l) => l.includes('EPATCH'))) expect(line).toMatch(/; (asking the engineer again with the reason \(normal|no attempt left)/);

      // Every command the summary prints works when pasted into a shell where the demo ran.
      const commands = printedCommands(result.stderr);
      expect(commands).toContain(`git -C ${repo} show agentdevel/support-bot:releases/support-bot/ledger.jsonl   # history: git -C ${repo} log agentdevel/support-bot`);
      expect(commands).toContain(`cd ${repo} && git log --oneline --decorate agentdevel/support-bot`);
      // The demo's repository has no remote: nothing to publish to, so no push is suggested.
      expect(result.stderr).not.toContain('git push');
      for (const command of commands) {
        const pasted = await execa('sh', ['-c', command], { reject: false });
        expect(pasted.exitCode, `${command}\n${pasted.stderr}`).toBe(0);
      }
    } finally {
      await rm(out.demo.repo, { recursive: true, force: true });
    }
  }, 300_000);
});
