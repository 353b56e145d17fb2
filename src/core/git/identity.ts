import type { Repo } from './repo.js';

const FALLBACK_IDENTITY = ['-c', 'user.name=agentdevel', '-c', 'user.email=agentdevel@localhost'];
/** Per opened repository: one answer is enough for a process's few commits. */
const asked = new WeakMap<Repo, Promise<string[]>>();

/**
 * `-c` arguments naming a committer when the repository has none (a fresh CI runner): the
 * user's own identity wins wherever git has one.
 */
export function identityArgs(repo: Repo): Promise<string[]> {
  let known = asked.get(repo);
  if (!known) asked.set(repo, (known = ask(repo)));
  return known;
}

async function ask(repo: Repo): Promise<string[]> {
  try {
    const [name, email] = await Promise.all([repo.git.raw(['config', 'user.name']), repo.git.raw(['config', 'user.email'])]);
    return name.trim() !== '' && email.trim() !== '' ? [] : FALLBACK_IDENTITY;
  } catch {
    return FALLBACK_IDENTITY;
  }
}
