import { fail } from '../../core/errors.js';
import { gitRun, type Repo } from '../../core/git/index.js';
import { emptyFlakyMemory, flakyMemorySchema, parseFlakyMemory, type FlakyMemory, type GateResult } from '../../gate/index.js';

/** The flaky memory's file next to the ledger: `releases/<agent>/flaky.json`. */
export const FLAKY_FILE = 'flaky.json';

/**
 * The flaky memory as a commit of the version line holds it. It lives in git, committed with
 * every ledger line by recordDecision, because it must outlive the store: a CI job starts
 * with an empty `.agentdevel/`, and the memory is what the last gate of the line measured.
 * A line without the file yet remembers nothing.
 */
export async function readFlakyMemoryAt(repo: Repo, commit: string, releasesPath: string): Promise<FlakyMemory> {
  const path = `${releasesPath}/${FLAKY_FILE}`;
  const blob = (await gitRun(repo.git, ['rev-parse', '--verify', '--quiet', `${commit}:${path}`], `looking for ${path}`)).trim();
  if (blob === '') return emptyFlakyMemory();
  const text = await gitRun(repo.git, ['cat-file', 'blob', blob], `reading ${path}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    value = `not JSON: ${(error as Error).message}`;
  }
  return parseFlakyMemory(value, `${path} at ${commit.slice(0, 12)}`);
}

export function serializeFlakyMemory(memory: FlakyMemory): string {
  return `${JSON.stringify(memory, null, 2)}\n`;
}

/**
 * flaky.json as a record commits it, checked before anything is written: the memory goes into
 * the same commit as the ledger line, or nothing is recorded.
 */
export function checkedFlakyFile(gate: GateResult, agent: string, n: number, where: string): string {
  const parsed = flakyMemorySchema.safeParse(gate.flakyMemory);
  if (parsed.success) return serializeFlakyMemory(parsed.data);
  const issue = parsed.error.issues[0];
  return fail('EGATE_INPUT', `${where}: flakyMemory${issue?.path.length ? `.${issue.path.join('.')}` : ''}: ${issue?.message ?? 'not a flaky memory'}; it is committed with the decision as ${FLAKY_FILE}`, {
    details: `Nothing was written. gate.json is written by the gate: delete it and gate the iteration again (\`agentdevel gate --agent ${agent} --iteration ${n}\`), then record the decision.`,
  });
}
