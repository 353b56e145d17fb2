import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { git } from '../ci/helpers.js';

export const GIT_ENV = { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' };
export const PROMPT = 'agents/shop-assistant/prompts/system.md';
const SUITE = 'specs/shop-faq.yaml';
const HOURS = 'The workshop is open Tuesday to Saturday, 9:00 to 18:00, and closed on Sundays and Mondays.';
export const PRICES = 'Prices, parts included: basic service 49 €, e-bike service 69 €, puncture repair 15 €, inner tube 8 €, wheel truing 25 €, brake pads 35 €, new chain 30 €.';

/**
 * A repository made by `agentdevel init` on main, with hours-closing made a must-pass example
 * (committed: both versions of a check play the same suites). In a temp folder removed after
 * the test, unless `dir` is given (one repository for a whole describe block).
 */
export async function initRepo(dir?: string): Promise<string> {
  const root = dir ?? (await tempDir('agentdevel-check-'));
  await git(root, 'init', '--quiet', '--initial-branch', 'main');
  await writeFile(join(root, '.gitignore'), 'node_modules/\n');
  await git(root, 'add', '.gitignore');
  await git(root, '-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '--quiet', '-m', 'the user project');
  const init = await runCli(['init'], { cwd: root, env: GIT_ENV });
  if (init.exitCode !== 0) throw new Error(init.stderr);
  const suite = await readFile(join(root, SUITE), 'utf8');
  await writeFile(join(root, SUITE), suite.replace('mustPass: [greeting, hours-saturday]', 'mustPass: [greeting, hours-saturday, hours-closing]'));
  await git(root, '-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '--quiet', '-am', 'hours-closing must pass');
  return root;
}

/** A hand edit that drops the opening hours: hours-closing (must-pass) and others regress. */
export async function breakHours(root: string): Promise<void> {
  const prompt = await readFile(join(root, PROMPT), 'utf8');
  await writeFile(join(root, PROMPT), prompt.replace(`${HOURS}\n`, ''));
}

/** A hand edit that adds the price list: the price examples are fixed. */
export async function addPrices(root: string): Promise<void> {
  await appendFile(join(root, PROMPT), `${PRICES}\n`);
}

export function commit(root: string, message: string): Promise<string> {
  return git(root, '-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '--quiet', '-am', message);
}
