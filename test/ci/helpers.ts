import { execa } from 'execa';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

/** git with a fixed identity, so commits work on any machine. */
export async function git(cwd: string, ...args: string[]): Promise<string> {
  const result = await execa('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd });
  return result.stdout;
}

/**
 * A new user's repository: one commit of their own, then `agentdevel init` (which commits
 * its scaffold: shop-assistant on specs/shop-faq.yaml, on the simulated world).
 */
export async function initProject(options: { origin?: boolean } = {}): Promise<string> {
  const root = await tempDir('agentdevel-ci-');
  await git(root, 'init', '--quiet');
  await git(root, 'config', 'user.name', 'Test');
  await git(root, 'config', 'user.email', 'test@example.com');
  await git(root, 'commit', '--quiet', '--allow-empty', '-m', 'the user\'s first commit');
  const init = await runCli(['init'], { cwd: root });
  if (init.exitCode !== 0) throw new Error(`agentdevel init exited ${init.exitCode}\n${init.stderr}`);
  if (options.origin) {
    const origin = join(await tempDir('agentdevel-origin-'), 'origin.git');
    await execa('git', ['init', '--quiet', '--bare', '--initial-branch=main', origin]);
    await git(root, 'remote', 'add', 'origin', `file://${origin}`);
    await git(root, 'push', '--quiet', 'origin', 'main');
  }
  return root;
}
