import { readFileSync, unlinkSync } from 'node:fs';
import { link, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { fail } from '../core/errors.js';

/** Who holds a lock, as its file says: pid, host, start time, and the caller's own fields. */
export interface PidLockOwner {
  pid: number;
  host: string;
  startedAt: string;
  /** The caller's fields (agent, purpose, …) as written. */
  fields: Record<string, unknown>;
}

export interface PidLock {
  path: string;
  owner: PidLockOwner;
  /** Removes the lock file if it is still ours (never one another process has taken since). */
  release(): Promise<void>;
  /** The same, synchronously, for an `exit` handler. */
  releaseSync(): void;
}

export interface PidLockOptions {
  /** Extra fields written into the lock for the message another process prints (not pid, host or startedAt). */
  fields?: Record<string, string>;
  /**
   * Throws the caller's coded error for a lock held by another process: `owner` is undefined
   * when its file cannot be read or processes keep racing for it; `why` adds what is going on.
   */
  refuse(owner: PidLockOwner | undefined, why?: string): never;
}

/** An unreadable lock younger than this may be one an older agentdevel is still writing. */
const UNREADABLE_GRACE_MS = 10_000;
const ATTEMPTS = 3;

/**
 * A lock file holding the owner's pid, host and start time (JSON), made whole by a hard link
 * so that no reader ever sees it half written. A lock whose process is gone (on this host) is
 * taken over; a live one, or one from another host (its process cannot be checked from here),
 * is refused through `options.refuse`. A file holding just a pid (written by hand or by an
 * older version) counts as a lock of this host.
 */
export async function acquirePidLock(path: string, options: PidLockOptions): Promise<PidLock> {
  const fields = options.fields ?? {};
  const owner: PidLockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), fields };
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (await createWhole(path, JSON.stringify({ pid: owner.pid, host: owner.host, startedAt: owner.startedAt, ...fields }))) return held(path, owner);
    const holder = await readHolder(path);
    if (holder === 'gone') continue;
    if (holder !== 'unreadable' && !isStale(holder)) options.refuse(holder);
    if (holder === 'unreadable' && !(await olderThan(path, UNREADABLE_GRACE_MS))) options.refuse(undefined);
    await takeOver(path, holder, options);
  }
  return options.refuse(undefined, 'other processes keep taking it');
}

/** The lock's holder as its file says; undefined when there is no lock or it cannot be read. */
export async function readPidLock(path: string): Promise<PidLockOwner | undefined> {
  const holder = await readHolder(path);
  return typeof holder === 'string' ? undefined : holder;
}

function held(path: string, owner: PidLockOwner): PidLock {
  return {
    path,
    owner,
    async release() {
      if (sameOwner(await readHolder(path), owner)) await rm(path, { force: true });
    },
    releaseSync() {
      try {
        if (sameOwner(parseHolder(readFileSync(path, 'utf8')), owner)) unlinkSync(path);
      } catch {
        // Gone or unreadable: nothing of ours to free.
      }
    },
  };
}

/** Writes the content to a private file, then links it into place: false if the lock exists. */
async function createWhole(path: string, content: string): Promise<boolean> {
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temp, content);
    await link(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    return fail('ESTORE', `cannot make the lock ${path}: ${(error as Error).message}`, { cause: error });
  } finally {
    await rm(temp, { force: true });
  }
}

/**
 * Removes a stale lock under a second, short-lived guard lock, re-reading it first: of several
 * processes that find the same stale lock, one removes it and the others then find the new owner.
 */
async function takeOver(path: string, stale: PidLockOwner | 'unreadable', options: PidLockOptions): Promise<void> {
  const guard = `${path}.takeover`;
  if (!(await createWhole(guard, String(process.pid)))) {
    const guardPid = Number((await readFile(guard, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(guardPid) && guardPid > 0 && isAlive(guardPid)) options.refuse(undefined, `process ${guardPid} is taking over a stale lock`);
    await rm(guard, { force: true });
    return;
  }
  try {
    if (sameOwner(await readHolder(path), stale)) await rm(path, { force: true });
  } finally {
    await rm(guard, { force: true });
  }
}

async function readHolder(path: string): Promise<PidLockOwner | 'gone' | 'unreadable'> {
  try {
    return parseHolder(await readFile(path, 'utf8'));
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : 'unreadable';
  }
}

function parseHolder(text: string): PidLockOwner | 'unreadable' {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) {
    const pid = Number(trimmed);
    return pid > 0 && Number.isSafeInteger(pid) ? { pid, host: hostname(), startedAt: '', fields: {} } : 'unreadable';
  }
  try {
    const { pid, host, startedAt, ...fields } = JSON.parse(trimmed) as Record<string, unknown>;
    if (typeof pid !== 'number' || !Number.isSafeInteger(pid) || pid <= 0 || typeof host !== 'string' || typeof startedAt !== 'string') return 'unreadable';
    return { pid, host, startedAt, fields };
  } catch {
    return 'unreadable';
  }
}

function sameOwner(a: PidLockOwner | 'gone' | 'unreadable', b: PidLockOwner | 'unreadable'): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.pid === b.pid && a.host === b.host && a.startedAt === b.startedAt;
}

/** Gone for sure: on this host, not this process, and no such process. */
export function isStale(owner: PidLockOwner): boolean {
  return owner.host === hostname() && owner.pid !== process.pid && !isAlive(owner.pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function olderThan(path: string, ms: number): Promise<boolean> {
  try {
    return Date.now() - (await stat(path)).mtimeMs > ms;
  } catch {
    return true;
  }
}
