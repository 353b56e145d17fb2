import type { RunOutcome } from './run-node.js';

const tail = (text: string, max = 1200) => (text.length > max ? `...${text.slice(-max)}` : text);

/** Why a program failed, in the words a critic needs: the verdict, then what it printed. */
export function explainRun(run: RunOutcome, limits: { timeoutMs: number; memoryMb: number; maxOutputBytes: number }, strictOutput: boolean): string | undefined {
  let verdict: string | undefined;
  if (run.timedOut) verdict = `the program did not finish within ${limits.timeoutMs} ms and was killed (an endless loop, or too slow)`;
  else if (run.outputCapped) verdict = `the program printed more than ${limits.maxOutputBytes} bytes and was killed`;
  else if (/heap out of memory|Reached heap limit/.test(run.stderr)) verdict = `the program ran out of memory (limit ${limits.memoryMb} MB)`;
  else if (run.signal) verdict = `the program was killed by ${run.signal}`;
  else if (run.exitCode !== 0) verdict = `the tests failed: the program exited with code ${run.exitCode}`;
  else if (run.reachedEnd === false) verdict = 'the program exited with code 0 before its tests ran to the end: the answer ended the process (process.exit) before the tests could run';
  else if (strictOutput && (run.stdout !== '' || run.stderr !== '')) verdict = 'the program exited with code 0 but printed output; in HumanEval-X mode any output fails (console.assert prints "Assertion failed" without throwing)';
  if (verdict === undefined) return undefined;
  const notes: string[] = [verdict];
  if (/ERR_ACCESS_DENIED|Access to this API has been restricted/.test(run.stderr)) {
    notes.push('the sandbox refused an operation: child processes, worker threads and files outside the program folder are not allowed');
  }
  if (run.stderr.trim()) notes.push(`stderr:\n${tail(run.stderr.trim())}`);
  if (run.stdout.trim()) notes.push(`stdout:\n${tail(run.stdout.trim(), 600)}`);
  return notes.join('\n');
}
