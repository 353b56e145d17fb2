import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { fail, isAgentdevelError } from '../core/errors.js';
import type { Reply } from './reply.js';

const SCHEMA_VERSION = 1;
/** Values shorter than this are stored as plain JSON: compressing them saves nothing. */
const COMPRESS_FROM_BYTES = 1024;
/** Queued writes are committed together after this delay, or sooner when this many are queued. */
const FLUSH_AFTER_MS = 50;
const FLUSH_AT_ENTRIES = 512;
const PLAIN = 0;
const DEFLATE = 1;

interface Row {
  encoding: number;
  value: Buffer;
}

export interface ResponseCacheOptions {
  /**
   * Told when queued entries could not be committed (disk full, a lock held too long). They
   * are dropped: a cache write never fails the call that produced the reply.
   */
  onWriteError?: (error: unknown) => void;
  /** How long to wait for another process's write lock (default 10 s). */
  busyTimeoutMs?: number;
}

/**
 * The content-addressed response cache: one SQLite table keyed by the request hash. SQLite
 * (WAL) because opening costs nothing however many entries there are, lookups go by primary
 * key without loading other rows, memory stays at its small page cache, and several
 * processes (shards) can share the file. Writes are queued and committed together (every
 * 50 ms, or per 512 entries) in one transaction, so a busy run does not pay one commit per reply;
 * close() commits what is left.
 */
export class ResponseCache {
  private readonly db: Database.Database;
  private readonly select: Database.Statement<[Buffer], Row>;
  private readonly insert: Database.Statement<[Buffer, number, Buffer, number]>;
  private readonly pending = new Map<string, Reply>();
  private flushTimer: NodeJS.Timeout | undefined;

  private readonly onWriteError: (error: unknown) => void;

  constructor(readonly path: string, options: ResponseCacheOptions = {}) {
    this.onWriteError = options.onWriteError ?? (() => undefined);
    try {
      mkdirSync(dirname(path), { recursive: true });
      this.db = new Database(path, { timeout: options.busyTimeoutMs ?? 10_000 });
      this.db.pragma('journal_mode = WAL');
      // Entries can always be fetched again, so a power cut may lose the last few but must not corrupt.
      this.db.pragma('synchronous = NORMAL');
      const version = this.db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION) fail('ESTORE', `${path}: the response cache was written by a newer agentdevel (schema ${version})`, { details: 'Upgrade agentdevel, or delete the file to start an empty cache.' });
      this.db.exec('CREATE TABLE IF NOT EXISTS responses (key BLOB PRIMARY KEY, encoding INTEGER NOT NULL, value BLOB NOT NULL, created_at INTEGER NOT NULL)');
      this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
      this.select = this.db.prepare('SELECT encoding, value FROM responses WHERE key = ?');
      this.insert = this.db.prepare('INSERT OR REPLACE INTO responses (key, encoding, value, created_at) VALUES (?, ?, ?, ?)');
    } catch (error) {
      if (isAgentdevelError(error)) throw error;
      fail('ESTORE', `${path}: cannot open the response cache: ${error instanceof Error ? error.message : String(error)}`, {
        details: 'Check that the store directory is writable; if the file is damaged, delete it (it only holds replies that can be fetched again).',
        cause: error,
      });
    }
  }

  get(key: string): Reply | undefined {
    const queued = this.pending.get(key);
    if (queued) return queued;
    const row = this.select.get(Buffer.from(key, 'hex'));
    if (!row) return undefined;
    try {
      const json = row.encoding === DEFLATE ? inflateRawSync(row.value).toString('utf8') : row.value.toString('utf8');
      return JSON.parse(json) as Reply;
    } catch {
      return undefined; // A damaged entry is a miss; the fresh reply replaces it.
    }
  }

  put(key: string, reply: Reply): void {
    this.pending.set(key, reply);
    if (this.pending.size >= FLUSH_AT_ENTRIES) this.flush();
    else if (!this.flushTimer) this.flushTimer = setTimeout(() => this.flush(), FLUSH_AFTER_MS);
  }

  /** Commits every queued entry in one transaction. */
  flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.size === 0 || !this.db.open) return;
    const now = Date.now();
    const entries = [...this.pending];
    this.pending.clear();
    try {
      this.db.transaction(() => {
        for (const [key, reply] of entries) {
          const { encoding, value } = encode(reply);
          this.insert.run(Buffer.from(key, 'hex'), encoding, value, now);
        }
      })();
    } catch (error) {
      this.onWriteError(error);
    }
  }

  /** Number of stored entries (counts the table: for tests and benchmarks, not hot paths). */
  count(): number {
    this.flush();
    return (this.db.prepare('SELECT count(*) AS n FROM responses').get() as { n: number }).n;
  }

  close(): void {
    if (!this.db.open) return;
    this.flush();
    this.db.close();
  }
}

function encode(reply: Reply): { encoding: number; value: Buffer } {
  const plain = Buffer.from(JSON.stringify(reply), 'utf8');
  if (plain.length < COMPRESS_FROM_BYTES) return { encoding: PLAIN, value: plain };
  const packed = deflateRawSync(plain);
  return packed.length < plain.length * 0.9 ? { encoding: DEFLATE, value: packed } : { encoding: PLAIN, value: plain };
}
