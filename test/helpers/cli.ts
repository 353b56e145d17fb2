import { execa } from 'execa';
import { fileURLToPath } from 'node:url';

/** The built CLI, run as a real process (npm test builds it first). */
export const CLI = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url));

export async function runCli(args: string[], options: { cwd?: string; env?: Record<string, string>; timeout?: number } = {}) {
  const result = await execa(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    env: options.env,
    reject: false,
    timeout: options.timeout ?? 60_000,
  });
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}
