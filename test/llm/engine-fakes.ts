import { fileURLToPath } from 'node:url';

/** Stand-in engines (test/fixtures/engines): executable Node scripts that play a server's start-up. */
export const fakeEngine = (name: 'slow-start' | 'crash' | 'never-ready' | 'no-sglang') =>
  fileURLToPath(new URL(`../fixtures/engines/${name}.mjs`, import.meta.url));

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid a fake printed as its first line ("pid 1234"). */
export function pidIn(lines: string[]): number {
  const line = lines.find((l) => / pid \d+$/.test(l) || /^pid \d+$/.test(l));
  if (!line) throw new Error(`no pid line in:\n${lines.join('\n')}`);
  return Number(/pid (\d+)$/.exec(line)![1]);
}
