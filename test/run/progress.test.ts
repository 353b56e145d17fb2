import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { barProgress, lineProgress } from '../../src/run/index.js';

describe('progress', () => {
  it('plain lines for logs: a first line, and a last one with done/total, pass rate, errors and tokens', () => {
    const lines: string[] = [];
    const progress = lineProgress((line) => lines.push(line), 60_000);
    progress.start({ runId: 'abc', total: 10, done: 4, simulated: true });
    progress.record('pass', 100);
    progress.record('fail', 50);
    progress.record('pass', 20);
    progress.record('error', 0);
    progress.stop();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('run abc (simulated world): 4/10 done, pass -, 0 errors, 0 tokens, ETA ?');
    expect(lines[1]).toMatch(/^run abc \(simulated world\): 8\/10 done, pass 66\.7%, 1 error, 170 tokens, ETA \d+s$/);
  });

  it('plain lines under a name of their own, without the first line when asked (the release loop\'s runs)', () => {
    const lines: string[] = [];
    const progress = lineProgress((line) => lines.push(line), 60_000, { name: 'baseline run (v0)', startLine: false });
    progress.start({ runId: 'abc', total: 2, done: 0, simulated: false });
    progress.record('pass', 10);
    progress.record('fail', 10);
    progress.stop();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^baseline run \(v0\): 2\/2 done, pass 50\.0%, 0 errors, 20 tokens, ETA \d+s$/);
  });

  it('a live bar on a terminal stream', () => {
    const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 200, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const progress = barProgress(stream as unknown as NodeJS.WritableStream);
    progress.start({ runId: 'abc', total: 3, done: 0, simulated: false });
    progress.record('pass', 12_345);
    progress.record('error', 0);
    progress.stop();
    expect(text).toMatch(/run \[.*\] 2\/3 \| pass 100\.0% \| errors 1 \| tokens 12k \| ETA \d+s/);
  });
});
