import { execa, type ResultPromise } from 'execa';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** A simulated server running in a child process, so the client under test has the CPU to itself. */
export interface ChildServer {
  url: string;
  /** Closes the child's stdin, which the server scripts take as the signal to stop, and waits for it. */
  stop(): Promise<unknown>;
}

/** Starts `bench/<script>.js` with `args`; its first stdout line is `{"url": …}`. */
export async function startChildServer(script: string, args: string[]): Promise<ChildServer> {
  const file = fileURLToPath(new URL(`./${script}.js`, import.meta.url));
  const child: ResultPromise = execa(process.execPath, [file, ...args], { stdin: 'pipe', stdout: 'pipe', stderr: 'inherit' });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
    child.catch(reject);
  });
  return {
    url,
    stop: async () => {
      child.stdin?.end();
      await child;
    },
  };
}
