import { execa } from 'execa';
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { sha256 } from '../core/hash.js';
import { mask } from '../core/secrets.js';
import type { UserScriptResult } from './types.js';

/**
 * The one edge of the diagnosis that runs processes: a project's own diagnosis scripts
 * (agentdevel.yaml `diagnosis.scripts`). Each gets the records and critiques as JSON on stdin
 * and must print one JSON value on stdout. A script that is missing, exits non-zero, times
 * out or prints something else is reported in its result, never thrown.
 */
export interface UserScript {
  /** Relative to the project root, as configured. */
  path: string;
  timeoutMs: number;
}

export interface UserScriptRun {
  root: string;
  /** A fresh stream of the script's stdin (see scriptInput); called once per script. */
  input: () => AsyncIterable<string>;
  /** Environment variables the script must not inherit (the endpoints' API keys). */
  withheldEnv?: readonly string[];
}

const STDOUT_LIMIT = 64 * 1024 * 1024;
const STDERR_TAIL = 2_000;
const NODE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs']);

export async function runUserScript(script: UserScript, run: UserScriptRun): Promise<UserScriptResult> {
  const file = resolve(run.root, script.path);
  const base = { path: script.path, sha256: null, exitCode: null, signal: null, output: null, stderr: '' };
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ...base, status: code === 'ENOENT' ? 'missing' : 'error', error: code === 'ENOENT' ? `no file at ${script.path}` : `cannot read ${script.path}: ${(error as Error).message}` };
  }
  const hash = sha256(content);
  // Node scripts run with this Node, so they need no executable bit or shebang (and work on Windows).
  const [command, args] = NODE_EXTENSIONS.has(extname(file)) ? [process.execPath, [file]] : [file, []];
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of run.withheldEnv ?? []) delete env[name];
  const result = await execa(command, args, {
    cwd: run.root,
    env,
    extendEnv: false,
    stdin: run.input(),
    timeout: script.timeoutMs,
    forceKillAfterDelay: 2_000,
    maxBuffer: { stdout: STDOUT_LIMIT, stderr: 1024 * 1024 },
    stripFinalNewline: false,
    reject: false,
  });
  const stderr = mask(tail(String(result.stderr ?? '')));
  const done = { ...base, sha256: hash, exitCode: result.exitCode ?? null, signal: result.signal ?? null, stderr };
  if (result.timedOut) return { ...done, status: 'timeout', error: `did not finish within ${script.timeoutMs} ms (killed)` };
  if (result.isMaxBuffer) return { ...done, status: 'error', error: `printed more than ${STDOUT_LIMIT} bytes on stdout` };
  if (result.exitCode === undefined) return { ...done, status: 'error', error: `could not be started: ${mask(result.originalMessage ?? result.shortMessage ?? "unknown reason")}` };
  if (result.exitCode !== 0 || result.signal) return { ...done, status: 'failed', error: `exited with ${result.signal ? `signal ${result.signal}` : `code ${result.exitCode}`}` };
  const stdout = String(result.stdout ?? '');
  try {
    return { ...done, status: 'ok', output: sortKeys(JSON.parse(mask(stdout))), error: null };
  } catch (error) {
    return { ...done, status: 'invalid-json', error: `stdout is not one JSON value (${(error as Error).message}): ${JSON.stringify(mask(stdout.slice(0, 200)))}` };
  }
}

/** Runs the scripts one after the other, in the configured order. */
export async function runUserScripts(scripts: readonly UserScript[], run: UserScriptRun): Promise<UserScriptResult[]> {
  const results: UserScriptResult[] = [];
  for (const script of scripts) results.push(await runUserScript(script, run));
  return results;
}

function tail(text: string): string {
  return text.length > STDERR_TAIL ? `… ${text.slice(-STDERR_TAIL)}` : text;
}

/** The script's JSON with object keys sorted, so the same result always serialises the same way. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(source)
        .sort()
        .map((key) => [key, sortKeys(source[key])]),
    );
  }
  return value;
}
