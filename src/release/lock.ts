import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AgentdevelError } from '../core/errors.js';
import { acquirePidLock, readPidLock, storeLayout, type PidLock, type PidLockOwner } from '../store/index.js';

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
  lock: PidLock;
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
 * One release of an agent at a time: a pid lock in the store (see acquirePidLock: a lock whose
 * process is gone on this host is taken over, one from another host only reported). The lock
 * goes when released, when the process exits, and on SIGINT/SIGTERM when nothing else handles them.
 */
export async function acquireReleaseLock(storeDir: string, agent: string, options: { purpose?: string } = {}): Promise<ReleaseLock> {
  const path = releaseLockPath(storeDir, agent);
  const mine = held.get(path);
  if (mine) {
    mine.count += 1;
    return handle(path, mine);
  }
  await mkdir(storeLayout(storeDir).locksDir, { recursive: true });
  const lock = await acquirePidLock(path, {
    fields: { agent, purpose: options.purpose ?? 'release' },
    refuse: (owner, why) => {
      throw lockedBy(agent, owner && lockOwner(owner), path, why);
    },
  });
  const entry: Held = { lock, owner: lockOwner(lock.owner), count: 1, cleanup: installCleanup(lock) };
  held.set(path, entry);
  return handle(path, entry);
}

/** The lock's holder as the file says, for a dry run to report; undefined when nobody holds it. */
export async function releaseLockHolder(storeDir: string, agent: string): Promise<LockOwner | undefined> {
  const holder = await readPidLock(releaseLockPath(storeDir, agent));
  return holder && lockOwner(holder);
}

function lockOwner(owner: PidLockOwner): LockOwner {
  return { pid: owner.pid, host: owner.host, startedAt: owner.startedAt, agent: String(owner.fields.agent ?? ''), purpose: String(owner.fields.purpose ?? 'release') };
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
      await entry.lock.release();
    },
  };
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
function installCleanup(lock: PidLock): () => void {
  const onExit = () => lock.releaseSync();
  const onSignal = (signal: NodeJS.Signals) => {
    if (process.listenerCount(signal) > 1) return; // someone else handles it and will exit (then onExit runs)
    lock.releaseSync();
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
