import { randomUUID } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { fail } from '../core/errors.js';
import { outputBlocks } from './outputs.js';

/** What `agentdevel ci` hands to GitHub Actions. */
export interface CiWrites {
  /** Markdown for the job summary; absent when the step writes none. */
  summary?: string;
  /** Workflow command lines (annotations). */
  commands: string[];
  outputs: Record<string, string>;
}

export interface ActionsFiles {
  summaryFile: string;
  outputFile: string;
}

/**
 * Inside a GitHub Actions step (GITHUB_ACTIONS=true) the files the runner gave this step;
 * elsewhere null, and the command prints what it would write. A step without the files is a
 * runner too old for them (or a broken environment): refused rather than written elsewhere.
 */
export function actionsFiles(env: NodeJS.ProcessEnv): ActionsFiles | null {
  if (env.GITHUB_ACTIONS !== 'true') return null;
  const missing = ['GITHUB_STEP_SUMMARY', 'GITHUB_OUTPUT'].filter((name) => !env[name]);
  if (missing.length > 0) {
    fail('ECI_ENV', `GITHUB_ACTIONS is true but ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set`, {
      data: { missing },
    });
  }
  return { summaryFile: env.GITHUB_STEP_SUMMARY!, outputFile: env.GITHUB_OUTPUT! };
}

/**
 * The edge: the summary appended to the step summary file, the outputs appended to the
 * output file (a fresh random delimiter per call), the workflow commands printed on stdout,
 * where the runner reads them.
 */
export async function writeToActions(files: ActionsFiles, writes: CiWrites, print: (line: string) => void, delimiter = `ghadelimiter_${randomUUID()}`): Promise<void> {
  try {
    if (writes.summary !== undefined) await appendFile(files.summaryFile, writes.summary.endsWith('\n') ? writes.summary : `${writes.summary}\n`);
    await appendFile(files.outputFile, outputBlocks(writes.outputs, delimiter));
  } catch (error) {
    fail('ECI_ENV', `cannot write the step's files (${(error as Error).message})`, { cause: error });
  }
  for (const line of writes.commands) print(line);
}

/** Outside Actions: the same writes as text, said to be what would be written. */
export function describeWrites(writes: CiWrites): string {
  const parts = ['not in GitHub Actions (GITHUB_ACTIONS is not "true"): this is what `agentdevel ci` would write there.'];
  if (writes.summary !== undefined) parts.push('', '--- $GITHUB_STEP_SUMMARY (appended) ---', writes.summary.trimEnd());
  parts.push('', `--- workflow commands (on stdout: ${writes.commands.length}) ---`, ...(writes.commands.length > 0 ? writes.commands : ['(none)']));
  parts.push('', '--- $GITHUB_OUTPUT ---', ...Object.entries(writes.outputs).map(([name, value]) => `${name}=${value}`));
  return parts.join('\n');
}
