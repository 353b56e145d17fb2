import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AgentdevelError, errorRegistry, type ErrorCode } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { runLine, type LineResult, type LineTask } from './line.js';
import { loadSetup, type SetupInput } from './setup.js';
import type { WorkerReply } from './worker.js';

/** The compiled worker next to this module; absent when running from the TypeScript sources (tests), where lines run in this thread. */
const WORKER_FILE = fileURLToPath(new URL('./worker.js', import.meta.url));

/**
 * Runs every line: in this thread with one job, else in `jobs` worker threads, each taking the
 * next line as it finishes one. Results come back in task order whatever finished first, so a
 * study's output does not depend on --jobs.
 */
export async function runLines(input: SetupInput, tasks: readonly LineTask[], jobs: number, options: { logger?: Logger; onLine?: (result: LineResult, done: number) => void } = {}): Promise<LineResult[]> {
  const workers = Math.min(jobs, tasks.length);
  if (workers <= 1 || !existsSync(WORKER_FILE)) {
    if (workers > 1) options.logger?.info(`study: --jobs ${jobs} needs the built package (${WORKER_FILE}); running the lines in this thread`);
    const setup = await loadSetup(input);
    const results: LineResult[] = [];
    for (const task of tasks) {
      results.push(await runLine(setup, task));
      options.onLine?.(results[results.length - 1]!, results.length);
    }
    return results;
  }
  return inWorkers(input, tasks, workers, options.onLine);
}

async function inWorkers(input: SetupInput, tasks: readonly LineTask[], count: number, onLine?: (result: LineResult, done: number) => void): Promise<LineResult[]> {
  const results = new Array<LineResult | undefined>(tasks.length);
  let next = 0;
  let done = 0;
  const pool = Array.from({ length: count }, () => new Worker(WORKER_FILE, { workerData: input }));
  const drive = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      let current = -1;
      let finished = false;
      const give = () => {
        if (next >= tasks.length) {
          finished = true;
          return resolve();
        }
        current = next++;
        worker.postMessage(tasks[current]);
      };
      worker.on('message', (reply: WorkerReply) => {
        if (!reply.ok) return reject(rebuilt(reply.error));
        results[current] = reply.result;
        onLine?.(reply.result, ++done);
        give();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        if (!finished) reject(new AgentdevelError('EINTERNAL', `study worker exited (code ${code}) before its lines were done`));
      });
      give();
    });
  try {
    await Promise.all(pool.map(drive));
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return results.map((r, i) => r ?? missing(i));
}

function rebuilt(error: { code: string | undefined; message: string; details: string | undefined }): Error {
  if (error.code !== undefined && Object.hasOwn(errorRegistry, error.code)) return new AgentdevelError(error.code as ErrorCode, error.message, error.details === undefined ? {} : { details: error.details });
  return new AgentdevelError('EINTERNAL', `study worker: ${error.message}`);
}

function missing(index: number): never {
  throw new AgentdevelError('EINTERNAL', `study: line task ${index} came back without a result`);
}
