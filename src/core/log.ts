import { mask } from './secrets.js';

export type LogLevel = 'quiet' | 'normal' | 'verbose';

/**
 * Human-readable progress and diagnostics. Everything goes to stderr (stdout is kept for
 * results, and for JSON under --json) and through the secret mask.
 */
export interface Logger {
  readonly level: LogLevel;
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

export function createLogger(level: LogLevel = 'normal', write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  const emit = (line: string) => write(`${mask(line)}\n`);
  return {
    level,
    info: (message) => {
      if (level !== 'quiet') emit(message);
    },
    warn: (message) => emit(`warning: ${message}`),
    debug: (message) => {
      if (level === 'verbose') emit(message);
    },
  };
}

export const silentLogger: Logger = { level: 'quiet', info() {}, warn() {}, debug() {} };
