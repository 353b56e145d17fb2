import { execa, type ResultPromise } from 'execa';
import { CLI } from '../helpers/cli.js';

export interface ServingCli {
  url: string;
  child: ResultPromise;
  stdout(): string;
  stderr(): string;
}

/** Starts `agentdevel <args>` as a real process and resolves once it prints a base URL on stdout. */
export async function startServingCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ServingCli> {
  const child = execa(process.execPath, [CLI, ...args], { cwd: options.cwd, env: options.env, reject: false, timeout: 60_000 });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const found = /(http:\/\/\S+\/v1)\b/.exec(out);
      if (found) resolve(found[1]!);
    });
    void child.then((result) => reject(new Error(`agentdevel ${args.join(' ')} exited (${result.exitCode}) before printing a URL:\n${err}`)));
  });
  return { url, child, stdout: () => out, stderr: () => err };
}
