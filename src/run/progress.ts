import cliProgress from 'cli-progress';
import type { RecordStatus } from '../core/records.js';

/** What the run tells whoever shows its progress. */
export interface ProgressSink {
  /** `done` records already exist (a resumed run); `total` is what the run will have when complete. */
  start(info: { runId: string; total: number; done: number; simulated: boolean }): void;
  record(status: RecordStatus, tokens: number): void;
  stop(): void;
}

export const silentProgress: ProgressSink = { start() {}, record() {}, stop() {} };

interface Tally {
  total: number;
  done: number;
  /** Records done before this invocation: they do not count towards the ETA's rate. */
  resumed: number;
  pass: number;
  fail: number;
  errors: number;
  tokens: number;
  startedAt: number;
}

function newTally(total: number, done: number): Tally {
  return { total, done, resumed: done, pass: 0, fail: 0, errors: 0, tokens: 0, startedAt: Date.now() };
}

function count(tally: Tally, status: RecordStatus, tokens: number): void {
  tally.done++;
  tally.tokens += tokens;
  if (status === 'pass') tally.pass++;
  else if (status === 'fail') tally.fail++;
  else tally.errors++;
}

function passRate(tally: Tally): string {
  const scored = tally.pass + tally.fail;
  return scored === 0 ? '-' : `${((tally.pass / scored) * 100).toFixed(1)}%`;
}

function compact(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e4 ? `${Math.round(n / 1e3)}k` : String(n);
}

function eta(tally: Tally): string {
  const ranNow = tally.done - tally.resumed;
  const left = tally.total - tally.done;
  if (ranNow === 0 || left <= 0) return left <= 0 ? '0s' : '?';
  const seconds = Math.round(((Date.now() - tally.startedAt) / ranNow) * left / 1000);
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
}

/** A live bar on a terminal (stderr): done/total, pass rate, errors, tokens, ETA. */
export function barProgress(stream: NodeJS.WritableStream = process.stderr): ProgressSink {
  let tally = newTally(0, 0);
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{label} [{bar}] {value}/{total} | pass {passRate} | errors {errors} | tokens {tokens} | ETA {etaText}',
      hideCursor: true,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  const payload = () => ({ passRate: passRate(tally), errors: tally.errors, tokens: compact(tally.tokens), etaText: eta(tally) });
  let label = 'run';
  return {
    start(info) {
      tally = newTally(info.total, info.done);
      label = info.simulated ? 'run (simulated world)' : 'run';
      bar.start(info.total, info.done, { label, ...payload() });
    },
    record(status, tokens) {
      count(tally, status, tokens);
      bar.update(tally.done, payload());
    },
    stop() {
      bar.stop();
    },
  };
}

/**
 * For logs and CI: one plain line every `everyMs`, and one at the end (and one at the start
 * unless `startLine` is false). `name` replaces `run <id>` at the head of each line.
 */
export function lineProgress(write: (line: string) => void, everyMs = 5_000, { name, startLine = true }: { name?: string; startLine?: boolean } = {}): ProgressSink {
  let tally = newTally(0, 0);
  let timer: NodeJS.Timeout | undefined;
  let label = 'run';
  const line = () =>
    write(`${label}: ${tally.done}/${tally.total} done, pass ${passRate(tally)}, ${tally.errors} error${tally.errors === 1 ? '' : 's'}, ${compact(tally.tokens)} tokens, ETA ${eta(tally)}`);
  return {
    start(info) {
      tally = newTally(info.total, info.done);
      label = `${name ?? `run ${info.runId}`}${info.simulated ? ' (simulated world)' : ''}`;
      if (startLine) line();
      timer = setInterval(line, everyMs);
      timer.unref();
    },
    record(status, tokens) {
      count(tally, status, tokens);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      line();
    },
  };
}
