import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { codeScorerSchema } from '../../src/config/index.js';
import { createScorer } from '../../src/scoring/index.js';
import { tempDir } from '../helpers/tmp.js';
import { example } from './example.js';

const scorer = (config: Record<string, unknown> = {}) => createScorer(codeScorerSchema.parse({ kind: 'code', timeoutMs: 5_000, ...config }), { suiteDir: '.' });

async function score(answer: unknown, expected: unknown, config: Record<string, unknown> = {}) {
  return (await scorer(config)).score({ example: example({ expected }), output: { answer }, trace: [] });
}

const tests = 'const assert = require("node:assert/strict");\nassert.equal(double(2), 4);\nassert.equal(double(-1), -2);\n';

describe('code scorer', () => {
  it('passes when prefix + completion + tests exit 0', async () => {
    expect(await score('function double(x) { return 2 * x; }', tests)).toEqual({ pass: true, score: 1, feedback: 'the tests passed' });
    expect((await score('  return 2 * x;\n}\n', { prefix: 'function double(x) {\n', tests })).pass).toBe(true);
  });

  it('fails a wrong implementation with the assertion the tests raised', async () => {
    const result = await score('function double(x) { return x + 2; }', tests);
    expect(result.pass).toBe(false);
    expect(result.feedback).toMatch(/^the tests failed: the program exited with code 1\nstderr:\n/);
    expect(result.feedback).toContain('AssertionError');
  });

  it('humaneval-x mode: console.assert only prints, so any output fails', async () => {
    const heTests = 'console.assert(double(2) === 5)\n';
    expect((await score('function double(x) { return 2 * x; }', heTests)).pass).toBe(true);
    const result = await score('function double(x) { return 2 * x; }', heTests, { mode: 'humaneval-x' });
    expect(result.pass).toBe(false);
    expect(result.feedback).toContain('exited with code 0 but printed output; in HumanEval-X mode any output fails');
    expect(result.feedback).toContain('Assertion failed');
    expect((await score('function double(x) { console.log("hi"); return 2 * x; }', 'console.assert(double(2) === 4)\n', { mode: 'humaneval-x' })).pass).toBe(false);
  });

  it('a completion in a markdown fence is run as given and fails with a note, unless extractFence', async () => {
    const fenced = '```js\nfunction double(x) { return 2 * x; }\n```';
    const result = await score(fenced, tests);
    expect(result.pass).toBe(false);
    expect(result.feedback).toMatch(/^the tests failed: the program exited with code 1\n/);
    expect(result.feedback).toContain('the answer is wrapped in a markdown code fence');
    expect((await score(fenced, tests, { extractFence: true })).pass).toBe(true);
  });

  it('TypeScript: types are stripped before running; a syntax error fails', async () => {
    const ts = 'function double(x: number): number { return 2 * (x as number); }\ninterface Unused { a: string }';
    expect((await score(ts, tests, { language: 'typescript' })).pass).toBe(true);
    expect((await score(ts, tests)).pass).toBe(false);
    const broken = await score('function double(x: number { return x }', tests, { language: 'typescript' });
    expect(broken).toMatchObject({ pass: false });
    expect(broken.feedback).toMatch(/^TypeScript syntax error: line 1: /);
  });

  it('TypeScript with typecheck: a type error fails as tsc would fail it, where stripping types alone passes', async () => {
    const mistyped = 'function double(x: number): number { const s: number = "0.5"; return 2 * x; }';
    expect((await score(mistyped, tests, { language: 'typescript' })).pass).toBe(true);
    const checked = await score(mistyped, tests, { language: 'typescript', typecheck: true });
    expect(checked.pass).toBe(false);
    expect(checked.feedback).toMatch(/^TypeScript type error: line 1: Type 'string' is not assignable to type 'number'/);
    // A well-typed answer passes; the tests' require() is declared as MultiPL-E declares it.
    expect(await score('function double(x: number): number { return 2 * x; }', tests, { language: 'typescript', typecheck: true })).toMatchObject({ pass: true });
    // The multipl-e importer asks for it per example, whatever the scorer says.
    expect((await score(mistyped, { tests, typecheck: true }, { language: 'typescript' })).pass).toBe(false);
  });

  it('an answer that ends the process before the tests run does not pass', async () => {
    const quitter = 'function double(x) { return 0; }\nprocess.exit(0);';
    const result = await score(quitter, tests);
    expect(result.pass).toBe(false);
    expect(result.feedback).toMatch(/^the program exited with code 0 before its tests ran to the end/);
    expect((await score(quitter, tests, { mode: 'humaneval-x' })).pass).toBe(false);
    // Exiting 0 after the tests is fine.
    expect((await score('function double(x) { return 2 * x; }\nprocess.on("exit", () => undefined);', tests)).pass).toBe(true);
  });

  it('no code in the output fails saying so; a bad expected is caught by check()', async () => {
    expect(await score(null, tests)).toEqual({ pass: false, score: 0, feedback: 'no code in answer: the output has nothing there' });
    const s = await scorer();
    expect(s.check?.(example({ expected: { test: 'x' } }))).toBe('expected: unknown key "test" (expected tests and optionally prefix)');
    expect(s.check?.(example({ expected: tests }))).toBeUndefined();
  });
});

describe('code scorer containment', () => {
  it('an endless loop is killed at the timeout and fails', async () => {
    const result = await score('while (true) {}', '', { timeoutMs: 1_000 });
    expect(result).toMatchObject({ pass: false, score: 0 });
    expect(result.feedback).toBe('the program did not finish within 1000 ms and was killed (an endless loop, or too slow)');
  });

  it('a flood of output is cut at the cap and fails', async () => {
    const result = await score('while (true) process.stdout.write("x".repeat(4096));', '', { maxOutputBytes: 32_768 });
    expect(result.pass).toBe(false);
    expect(result.feedback).toMatch(/^the program printed more than 32768 bytes and was killed\n/);
    expect(result.feedback.length).toBeLessThan(2_000);
  });

  it('a memory hog is stopped by the heap cap and fails', async () => {
    const result = await score('const hog = []; while (true) hog.push(new Array(1e6).fill(1));', '', { memoryMb: 32 });
    expect(result.pass).toBe(false);
    expect(result.feedback).toMatch(/^the program ran out of memory \(limit 32 MB\)/);
  });

  it("the program cannot read the parent's environment: only PATH reaches it", async () => {
    process.env.AGENTDEVEL_TEST_CANARY = 'canary-7f3a91';
    try {
      const program = 'console.log(JSON.stringify(Object.keys(process.env)));\nif (process.env.AGENTDEVEL_TEST_CANARY === undefined) throw new Error("the secret is not visible");\nconsole.log(process.env.AGENTDEVEL_TEST_CANARY);';
      const result = await score(program, '');
      expect(result.pass).toBe(false);
      expect(result.feedback).toContain('Error: the secret is not visible');
      expect(result.feedback).toContain('stdout:\n["PATH"]');
      expect(result.feedback).not.toContain('canary-7f3a91');
    } finally {
      delete process.env.AGENTDEVEL_TEST_CANARY;
    }
  });

  const storm = (pidFile: string) => `
const { spawn } = require('node:child_process');
const { appendFileSync } = require('node:fs');
let started = 0;
const timer = setInterval(() => {
  if (started >= 40) return;
  started += 1;
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  appendFileSync(${JSON.stringify(pidFile)}, child.pid + '\\n');
}, 10);
`;

  it('a spawning storm is refused by the sandbox and fails with the reason', async () => {
    const pidFile = join(await tempDir(), 'pids');
    const result = await score(storm(pidFile), '');
    expect(result.pass).toBe(false);
    expect(result.feedback).toContain('the sandbox refused an operation: child processes, worker threads and files outside the program folder are not allowed');
    await expect(readFile(pidFile, 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('without the sandbox, a spawning storm is contained: at the timeout the whole process group is killed', async () => {
    const pidFile = join(await tempDir(), 'pids');
    const result = await score(storm(pidFile), '', { sandbox: false, timeoutMs: 1_500 });
    expect(result.pass).toBe(false);
    expect(result.feedback).toMatch(/^the program did not finish within 1500 ms and was killed/);
    const pids = (await readFile(pidFile, 'utf8')).trim().split('\n').map(Number);
    expect(pids.length).toBeGreaterThan(3);
    expect(await survivors(pids)).toEqual([]);
  });
});

/** Processes of the list still running once SIGKILL has had up to two seconds to land. */
async function survivors(pids: number[]): Promise<string[]> {
  let alive: string[] = [];
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const states = await Promise.all(pids.map(async (pid) => `${pid}:${await processState(pid)}`));
    alive = states.filter((s) => !s.endsWith(':gone') && !s.endsWith(':Z'));
    if (alive.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return alive;
}

/** The state letter of a process in /proc (Z: a zombie, dead and waiting for its reaper), or "gone". */
async function processState(pid: number): Promise<string> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return /^\d+ \(.*\) (\w)/.exec(stat)?.[1] ?? stat;
  } catch {
    return 'gone';
  }
}
