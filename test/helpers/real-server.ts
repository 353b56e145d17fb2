/**
 * A real OpenAI-compatible server for tests: llama.cpp's llama-server with a tiny real model, from
 * ../shared/real-server next to the clone (or $AGENTDEVEL_REAL_SERVER). Tests skip with
 * check.sh's message where it cannot run.
 */
import { execa, type ResultPromise } from 'execa';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports.js';

export const REAL_SERVER_DIR = process.env.AGENTDEVEL_REAL_SERVER ?? fileURLToPath(new URL('../../../shared/real-server/', import.meta.url));
/** The model id the server serves, and the file it loads. */
export const REAL_MODEL = 'stories260K.gguf';
export const REAL_MODEL_FILE = join(REAL_SERVER_DIR, REAL_MODEL);
export const REAL_SERVER_SCRIPT = join(REAL_SERVER_DIR, 'llama-server.sh');

/** Why the real server cannot run here (check.sh's words), or undefined when it can. */
export async function realServerMissing(): Promise<string | undefined> {
  const check = join(REAL_SERVER_DIR, 'check.sh');
  if (!existsSync(check)) return `${REAL_SERVER_DIR} is absent`;
  const result = await execa(check, { reject: false, timeout: 30_000 });
  return result.exitCode === 0 ? undefined : (result.stdout || result.stderr || `check.sh exited ${result.exitCode}`).trim();
}

export interface RealServer {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/** Starts llama-server.sh on a free port (env CTX, NP as the script takes them) and waits until it serves. */
export async function startRealServer(env: { CTX?: string; NP?: string } = {}): Promise<RealServer> {
  const port = await freePort();
  const child: ResultPromise = execa(REAL_SERVER_SCRIPT, ['--port', String(port)], { env: { ...process.env, ...env }, reject: false, stdin: 'ignore', stdout: 'ignore', stderr: 'pipe' });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4_000)));
  const url = `http://127.0.0.1:${port}/v1`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await child;
    clearTimeout(killer);
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`llama-server exited (${child.exitCode}) before it was ready:\n${log}`);
    const ready = await fetch(`${url}/models`).then((r) => r.ok, () => false);
    if (ready) return { url, port, pid: child.pid!, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`llama-server was not ready within 90 s:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
