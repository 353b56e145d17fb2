import { readFile, readdir } from 'node:fs/promises';

/** Pids of live processes (zombies aside) whose command line contains `text`. */
export async function processesWith(text: string): Promise<number[]> {
  const found: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    const cmdline = await readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => '');
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    if (cmdline.includes(text) && !/\) Z /.test(stat)) found.push(Number(name));
  }
  return found;
}

/** Whether every process whose command line contains `text` is gone within `ms`. */
export async function allGone(text: string, ms = 2_000): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if ((await processesWith(text)).length === 0) return true;
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
