import { readFileSync, unlinkSync } from 'node:fs';
import { link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AgentdevelError, fail } from '../core/errors.js';
import { storeLayout } from '../store/index.js';

/** Who holds an agent's release lock: written into the lock file. */
export interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
  agent: string;
  /** What the holder is doing (`release`, `promote`), for the message another process prints. */
  purpose: string;
}

export interface ReleaseLock {
  path: string;
  owner: LockOwner;
  /** Gives the lock up (once; a nested hold gives up only its own share). */
  release(): Promise<void>;
}

interface Held {
  owner: LockOwner;
  count: number;
  cleanup: () => void;
}
/** Locks this process holds, by path: a release loop that holds one may call recordDecision, which takes it again. */
const held = new Map<string, Held>();

export function releaseLockPath(storeDir: string, agent: string): string {
  return join(storeLayout(storeDir).locksDir, `release-${agent}.lock`);
}

/**
 * One release of an agent at a time. The lock is a file in the store holding the owner's pid,
 * host and start time, made whole by a hard link (so no reader ever sees it half written). A
 * lock whose process is gone (on this host) is taken over; a lock from another host is only
 * reported, since its process cannot be checked from here. The lock goes when released, when
 * the process exits, and on SIGINT/SIGTERM when nothing else handles them.
 */
export async function acquireReleaseLock(storeDir: string, agent: string, options: { purpose?: string } = {}): Promise<ReleaseLock> {
  const path = releaseLockPath(storeDir, agent);
  const mine = held.get(path);
  if (mine) {
    mine.count += 1;
    return handle(path, mine);
  }
  const owner: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), agent, purpose: options.purpose ?? 'release' };
  await mkdir(storeLayout(storeDir).locksDir, { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createWhole(path, JSON.stringify(owner))) {
      const entry: Held = { owner, count: 1, cleanup: installCleanup(path, owner) };
      held.set(path, entry);
      return handle(path, entry);
    }
    const holder = await readOwner(path);
    if (holder === 'gone') continue;
    if (holder !== 'unreadable' && !isStale(holder)) throw lockedBy(agent, holder, path);
    if (holder === 'unreadable' && !(await olderThan(path, 10_000))) throw lockedBy(agent, undefined, path);
    await takeOver(path, holder, agent);
  }
  return fail('EGIT_LOCKED', `agent "${agent}": could not take the release lock ${path}: other processes keep taking it`);
}

/** The lock's holder as the file says, for a dry run to report; undefined when nobody holds it. */
export async function releaseLockHolder(storeDir: string, agent: string): Promise<LockOwner | undefined> {
  const holder = await readOwner(releaseLockPath(storeDir, agent));
  return typeof holder === 'string' ? undefined : holder;
}

function handle(path: string, entry: Held): ReleaseLock {
  let released = false;
  return {
    path,
    owner: entry.owner,
    async release() {
      if (released) return;
      released = true;
      entry.count -= 1;
      if (entry.count > 0) return;
      held.delete(path);
      entry.cleanup();
      await removeIfOurs(path, entry.owner);
    },
  };
}

/** Writes the content to a private file, then links it into place: fails (false) if the lock exists. */
async function createWhole(path: string, content: string): Promise<boolean> {
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, content);
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    return fail('ESTORE', `cannot make the release lock ${path}: ${(error as Error).message}`, { cause: error });
  } finally {
    await rm(temp, { force: true });
  }
}

/**
 * Removes a stale lock under a second, short-lived guard lock, re-reading it first: of several
 * processes that find the same stale lock, one removes it and the others then find the new owner.
 */
async function takeOver(path: string, stale: LockOwner | 'unreadable', agent: string): Promise<void> {
  const guard = `${path}.takeover`;
  if (!(await createWhole(guard, String(process.pid)))) {
    const guardPid = Number((await readFile(guard, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(guardPid) && guardPid > 0 && isAlive(guardPid)) {
      throw lockedBy(agent, undefined, path, `process ${guardPid} is taking over a stale lock`);
    }
    await rm(guard, { force: true });
    return;
  }
  try {
    const now = await readOwner(path);
    if (sameOwner(now, stale)) await rm(path, { force: true });
  } finally {
    await rm(guard, { force: true });
  }
}

async function readOwner(path: string): Promise<LockOwner | 'gone' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    return 'unreadable';
  }
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string' || typeof value.startedAt !== 'string') return 'unreadable';
    return { pid: value.pid, host: value.host, startedAt: value.startedAt, agent: String(value.agent ?? ''), purpose: String(value.purpose ?? 'release') };
  } catch {
    return 'unreadable';
  }
}

function sameOwner(a: LockOwner | 'gone' | 'unreadable', b: LockOwner | 'unreadable'): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.pid === b.pid && a.host === b.host && a.startedAt === b.startedAt;
}

function isStale(owner: LockOwner): boolean {
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

function lockedBy(agent: string, owner: LockOwner | undefined, path: string, why?: string): AgentdevelError {
  const who = owner ? `process ${owner.pid} on ${owner.host} (${owner.purpose}, since ${owner.startedAt})` : 'another process';
  const elsewhere = owner !== undefined && owner.host !== hostname();
  return new AgentdevelError('EGIT_LOCKED', `agent "${agent}" is being released by ${who}${why ? `: ${why}` : ''}`, {
    data: { lock: path, ...(owner ? { owner } : {}) },
    details: elsewhere
      ? `The lock was taken on another host, so whether its process still runs cannot be checked from here. If it does not, delete ${path} and rerun.`
      : 'Wait for it to finish, or stop it; a lock left by a killed process is taken over automatically.',
  });
}

/** Frees the lock when the process exits, and on SIGINT/SIGTERM when no other handler decides what they do. */
function installCleanup(path: string, owner: LockOwner): () => void {
  const onExit = () => removeIfOursSync(path, owner);
  const onSignal = (signal: NodeJS.Signals) => {
    if (process.listenerCount(signal) > 1) return; // someone else handles it and will exit (then onExit runs)
    removeIfOursSync(path, owner);
    uninstall();
    process.kill(process.pid, signal);
  };
  const uninstall = () => {
    process.removeListener('exit', onExit);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  };
  process.on('exit', onExit);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return uninstall;
}

async function removeIfOurs(path: string, owner: LockOwner): Promise<void> {
  if (sameOwner(await readOwner(path), owner)) await rm(path, { force: true });
}

function removeIfOursSync(path: string, owner: LockOwner): void {
  try {
    const now = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
    if (sameOwner(now, owner)) unlinkSync(path);
  } catch {
    // Gone or not ours: nothing to free.
  }
}
