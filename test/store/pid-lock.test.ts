import { execa } from 'execa';
import { access, mkdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgentdevelError, fail } from '../../src/core/errors.js';
import { lockRun } from '../../src/run/run-lock.js';
import { iterationFile } from '../../src/store/index.js';
import { acquirePidLock, readPidLock, type PidLockOwner } from '../../src/store/pid-lock.js';
import { lockIteration } from '../../src/synthesis/iteration-lock.js';
import { tempDir } from '../helpers/tmp.js';

/** The caller's refusal, as run-lock and iteration-lock make theirs: a code of its own and the holder. */
const refuse = (owner: PidLockOwner | undefined, why?: string): never => fail('ERUN_LOCKED', `held by ${owner ? owner.pid : 'another process'}${why ? `: ${why}` : ''}`);

/** The pid of a process that has exited: a lock holding it is stale. */
async function deadPid(): Promise<number> {
  const gone = execa(process.execPath, ['-e', '']);
  const pid = gone.pid!;
  await gone;
  return pid;
}

/** A live process other than this one, killed when `use` ends. */
async function withLiveProcess<T>(use: (pid: number) => Promise<T>): Promise<T> {
  const holder = execa(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
  try {
    return await use(holder.pid!);
  } finally {
    holder.kill('SIGKILL');
    await holder.catch(() => undefined);
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** The coded error a promise rejects with (the test fails if it resolves, or rejects otherwise). */
async function refusal(promise: Promise<unknown>): Promise<AgentdevelError> {
  await expect(promise).rejects.toBeInstanceOf(AgentdevelError);
  return (await promise.catch((e: unknown) => e)) as AgentdevelError;
}

describe('acquirePidLock', () => {
  it('writes pid, host, start time and the fields; refuses a second holder while held; release frees it', async () => {
    const path = join(await tempDir(), 'x.lock');
    const lock = await acquirePidLock(path, { fields: { purpose: 'test' }, refuse });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ pid: process.pid, host: hostname(), startedAt: lock.owner.startedAt, purpose: 'test' });
    expect(await readPidLock(path)).toEqual(lock.owner);
    // This very process holds it: a second acquire is refused, never re-entered.
    const error = await refusal(acquirePidLock(path, { refuse }));
    expect(error).toMatchObject({ code: 'ERUN_LOCKED', message: `held by ${process.pid}` });
    await lock.release();
    expect(await exists(path)).toBe(false);
    expect(await readPidLock(path)).toBeUndefined();
  });

  it('takes over a stale lock from a dead pid, in the JSON form and as a bare pid', async () => {
    const dir = await tempDir();
    const json = join(dir, 'json.lock');
    await writeFile(json, JSON.stringify({ pid: await deadPid(), host: hostname(), startedAt: '2026-01-01T00:00:00.000Z' }));
    const bare = join(dir, 'bare.lock');
    await writeFile(bare, String(await deadPid()));
    for (const path of [json, bare]) {
      const lock = await acquirePidLock(path, { refuse });
      expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ pid: process.pid });
      await lock.release();
    }
    expect(await exists(`${json}.takeover`)).toBe(false);
  });

  it('refuses a lock held by a live process with the caller’s code and leaves it in place', async () => {
    const path = join(await tempDir(), 'x.lock');
    await withLiveProcess(async (pid) => {
      await writeFile(path, String(pid));
      const error = await refusal(acquirePidLock(path, { refuse }));
      expect(error).toMatchObject({ code: 'ERUN_LOCKED', message: `held by ${pid}` });
      expect(await readFile(path, 'utf8')).toBe(String(pid));
    });
  });

  it('never takes a lock from another host, whatever its pid', async () => {
    const path = join(await tempDir(), 'x.lock');
    const text = JSON.stringify({ pid: await deadPid(), host: 'ci-runner-7', startedAt: '2026-01-01T00:00:00.000Z', agent: 'weather' });
    await writeFile(path, text);
    let seen: PidLockOwner | undefined;
    await refusal(acquirePidLock(path, { refuse: (owner) => ((seen = owner), refuse(owner)) }));
    expect(seen).toMatchObject({ host: 'ci-runner-7', fields: { agent: 'weather' } });
    expect(await readFile(path, 'utf8')).toBe(text);
  });

  it('an unreadable lock is refused while fresh (it may be being written) and taken over once old', async () => {
    const path = join(await tempDir(), 'x.lock');
    await writeFile(path, 'not a lock');
    const error = await refusal(acquirePidLock(path, { refuse }));
    expect(error.message).toBe('held by another process');
    const old = new Date(Date.now() - 60_000);
    await utimes(path, old, old);
    const lock = await acquirePidLock(path, { refuse });
    expect(await readPidLock(path)).toEqual(lock.owner);
    await lock.release();
  });

  it('release removes only its own lock: never one another process has taken since', async () => {
    const path = join(await tempDir(), 'x.lock');
    const theirs = JSON.stringify({ pid: 1, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z' });
    const first = await acquirePidLock(path, { refuse });
    await writeFile(path, theirs);
    await first.release();
    first.releaseSync();
    expect(await readFile(path, 'utf8')).toBe(theirs);

    const second = await acquirePidLock(join(await tempDir(), 'y.lock'), { refuse });
    second.releaseSync();
    expect(await exists(second.path)).toBe(false);
    await second.release(); // already gone: nothing to do, no error
  });

  it('a folder that does not exist is ESTORE, naming the lock', async () => {
    const path = join(await tempDir(), 'missing', 'x.lock');
    const error = await refusal(acquirePidLock(path, { refuse }));
    expect(error.code).toBe('ESTORE');
    expect(error.message).toContain(path);
  });
});

describe('the locks built on it keep their own codes and messages', () => {
  it('a run: ERUN_LOCKED naming the run and the live pid; a dead owner is taken over; unlock removes it', async () => {
    const dir = await tempDir();
    await withLiveProcess(async (pid) => {
      await writeFile(join(dir, 'lock'), String(pid));
      const error = await refusal(lockRun(dir, 'run-1'));
      expect(error).toMatchObject({ code: 'ERUN_LOCKED', message: `run run-1 is being written by process ${pid}`, data: { pid, lock: join(dir, 'lock') } });
    });
    await writeFile(join(dir, 'lock'), String(await deadPid()));
    const unlock = await lockRun(dir, 'run-1');
    await unlock();
    expect(await exists(join(dir, 'lock'))).toBe(false);
  });

  it('a synthesize: EGIT_LOCKED naming the iteration, the agent and the lock file, with the fix', async () => {
    const storeDir = await tempDir();
    const path = iterationFile(storeDir, 'weather', 2, 'synthesize.lock');
    await mkdir(join(path, '..'), { recursive: true });
    await withLiveProcess(async (pid) => {
      await writeFile(path, String(pid));
      const error = await refusal(lockIteration(storeDir, 'weather', 2));
      expect(error).toMatchObject({ code: 'EGIT_LOCKED', message: `iteration 2 of agent "weather" is being synthesized by process ${pid} (${path})` });
      expect(error.details).toContain('Wait for that synthesize to finish');
    });
    const unlock = await lockIteration(storeDir, 'weather', 2);
    expect(await readPidLock(path)).toMatchObject({ pid: process.pid });
    await unlock();
    expect(await exists(path)).toBe(false);
  });
});
