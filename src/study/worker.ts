import { parentPort, workerData } from 'node:worker_threads';
import { AgentdevelError } from '../core/errors.js';
import { runLine, type LineTask } from './line.js';
import { loadSetup, type SetupInput } from './setup.js';

/**
 * A study worker thread (`--jobs`): loads the setup once (suites carry tool functions, which
 * cannot cross threads), then runs each line it is sent and posts back its plain-data result.
 */
export type WorkerReply = { ok: true; result: Awaited<ReturnType<typeof runLine>> } | { ok: false; error: { code: string | undefined; message: string; details: string | undefined } };

const port = parentPort;
if (port) {
  const setup = loadSetup(workerData as SetupInput);
  port.on('message', (task: LineTask) => {
    setup
      .then((s) => runLine(s, task))
      .then(
        (result) => port.postMessage({ ok: true, result } satisfies WorkerReply),
        (error: unknown) => {
          const known = error instanceof AgentdevelError;
          port.postMessage({ ok: false, error: { code: known ? error.code : undefined, message: known ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error), details: known ? error.details : undefined } } satisfies WorkerReply);
        },
      );
  });
}
