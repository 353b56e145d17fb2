import { access, cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleGit } from 'simple-git';
import { fail } from '../../core/errors.js';
import { gitRun, identityArgs, openRepo } from '../../core/git/index.js';

/** The agent the demo releases, and how many iterations it asks for. */
export const DEMO_AGENT = 'support-bot';
export const DEMO_ITERATIONS = 3;

/** The shipped files: agents/, specs/ and gates/ next to dist/ (or src/) in the installed package. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const DEMO_CONFIG = `# Written by \`agentdevel release --demo\`. Every role (agent, critic, engineer) is the
# simulated world built into agentdevel (baseURL: sim): no model, no network, no key. Its
# results come from the simulated world, not from a real model.
store: .agentdevel
endpoints:
  agent: {baseURL: sim}
  critic: {baseURL: sim}
  engineer: {baseURL: sim}
release:
  suites: [support-desk]
  gate: default
  iterations: ${DEMO_ITERATIONS}
`;

/**
 * A fresh git repository in a temp folder holding copies of the shipped agents, suites and
 * gates, an agentdevel.yaml on the simulated world, and one initial commit (with agentdevel's
 * own identity when git has none configured): a user's project as `release` meets it.
 */
export async function prepareDemoRepo(): Promise<string> {
  for (const folder of ['agents', 'specs', 'gates']) {
    await access(join(PACKAGE_ROOT, folder, folder === 'agents' ? DEMO_AGENT : '')).catch((error: unknown) =>
      fail('EFILE', `the shipped ${folder}/ is missing from ${PACKAGE_ROOT}`, { cause: error, details: 'Reinstall agentdevel (npm ci): the demo copies its shipped agents, suites and gates.' }),
    );
  }
  const root = await mkdtemp(join(tmpdir(), 'agentdevel-demo-'));
  for (const folder of ['agents', 'specs', 'gates']) await cp(join(PACKAGE_ROOT, folder), join(root, folder), { recursive: true });
  await writeFile(join(root, 'agentdevel.yaml'), DEMO_CONFIG);
  await writeFile(join(root, '.gitignore'), '.agentdevel/\n');
  const git = simpleGit({ baseDir: root });
  await gitRun(git, ['init', '--quiet', '--initial-branch=main'], `creating a git repository in ${root}`);
  const repo = await openRepo(root);
  await gitRun(git, ['add', '--all'], 'staging the demo files');
  await gitRun(git, [...(await identityArgs(repo)), 'commit', '--quiet', '--no-verify', '-m', 'The agentdevel demo: shipped agents, suites and gates on the simulated world'], 'committing the demo files');
  return repo.root;
}
