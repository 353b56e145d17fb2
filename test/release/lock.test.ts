import { execa, type ResultPromise } from 'execa';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { acquireReleaseLock, releaseLockHolder, releaseLockPath } from '../../src/release/index.js';
import { tempDir } from '../helpers/tmp.js';

const CHILD = fileURLToPath(new URL('./fixtures/lock-child.mjs', import.meta.url));

function child(storeDir: string, mode: 'hold' | 'exit') {
  return execa(process.execPath, [CHILD, storeDir, 'weather', mode], { reject: false, buffer: true });
}

/** The first line a child prints. */
function firstLine(proc: ResultPromise): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    proc.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const end = text.indexOf('\n');
      if (end >= 0) resolve(text.slice(0, end));
    });
    proc.once('exit', () => resolve(text.trim()));
    proc.once('error', reject);
  });
}

/** The pid of a process that has exited: a lock holding it is stale. */
async function deadPid(): Promise<number> {
  const gone = execa(process.execPath, ['-e', '']);
  const pid = gone.pid!;
  await gone;
  return pid;
}

async function gone(path: string): Promise<boolean> {
  return access(path).then(
    () => false,
    () => true,
  );
}

async function writeLock(storeDir: string, owner: Record<string, unknown>): Promise<string> {
  const path = releaseLockPath(storeDir, 'weather');
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(owner));
  return path;
}

describe('the release lock', () => {
  it('keeps a second process out while held, naming who holds it, and lets it in once released', async () => {
    const storeDir = await tempDir();
    const lock = await acquireReleaseLock(storeDir, 'weather', { purpose: 'promote' });
    expect(JSON.parse(await readFile(lock.path, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname(), agent: 'weather', purpose: 'promote', startedAt: expect.any(String) });

    const blocked = await child(storeDir, 'exit');
    expect(blocked.exitCode).toBe(3);
    expect(blocked.stdout).toContain(`locked EGIT_LOCKED agent "weather" is being released by process ${process.pid} on ${hostname()} (promote, since`);

    await lock.release();
    expect(await gone(lock.path)).toBe(true);
    const free = await child(storeDir, 'exit');
    expect(free.stdout).toMatch(/^won \d+$/);
    // It exited without releasing: its exit handler removed the file.
    expect(await gone(lock.path)).toBe(true);
  });

  it('is re-entrant within a process: the release loop may hold it while recordDecision takes it again', async () => {
    const storeDir = await tempDir();
    const outer = await acquireReleaseLock(storeDir, 'weather');
    const inner = await acquireReleaseLock(storeDir, 'weather');
    await inner.release();
    await inner.release();
    expect(await releaseLockHolder(storeDir, 'weather')).toMatchObject({ pid: process.pid });
    await outer.release();
    expect(await releaseLockHolder(storeDir, 'weather')).toBeUndefined();
  });

  it('takes over a lock whose process is gone', async () => {
    const storeDir = await tempDir();
    const stale = await deadPid();
    const path = await writeLock(storeDir, { pid: stale, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z', agent: 'weather', purpose: 'release' });
    const lock = await acquireReleaseLock(storeDir, 'weather');
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  it('lets exactly one of several processes take over the same stale lock; SIGTERM frees it', async () => {
    const storeDir = await tempDir();
    const path = await writeLock(storeDir, { pid: await deadPid(), host: hostname(), startedAt: '2026-01-01T00:00:00.000Z', agent: 'weather', purpose: 'release' });
    const procs = Array.from({ length: 4 }, () => child(storeDir, 'hold'));
    const lines = await Promise.all(procs.map(firstLine));
    try {
      const winners = lines.filter((l) => l.startsWith('won'));
      expect(winners, lines.join('\n')).toHaveLength(1);
      expect(lines.filter((l) => l.startsWith('locked EGIT_LOCKED'))).toHaveLength(3);
      const winner = procs[lines.findIndex((l) => l.startsWith('won'))]!;
      expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ pid: winner.pid, purpose: 'test-hold' });
      winner.kill('SIGTERM');
      const ended = await winner;
      expect(ended.signal).toBe('SIGTERM');
      expect(await gone(path)).toBe(true);
    } finally {
      for (const proc of procs) proc.kill('SIGKILL');
    }
  });

  it('reports, and never takes, a lock held on another host', async () => {
    const storeDir = await tempDir();
    const path = await writeLock(storeDir, { pid: 1, host: 'ci-runner-7', startedAt: '2026-01-01T00:00:00.000Z', agent: 'weather', purpose: 'release' });
    const error = await acquireReleaseLock(storeDir, 'weather').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'EGIT_LOCKED', message: 'agent "weather" is being released by process 1 on ci-runner-7 (release, since 2026-01-01T00:00:00.000Z)' });
    expect((error as { details: string }).details).toContain(`delete ${path}`);
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ host: 'ci-runner-7' });
  });
});
