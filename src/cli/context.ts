import { createLogger, type Logger, type LogLevel } from '../core/log.js';
import { mask } from '../core/secrets.js';
import type { Project } from '../config/project.js';

export interface GlobalOptions {
  config?: string;
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

/** What every command gets: the global flags, a logger, and one way to print its result. */
export interface CliContext {
  readonly options: GlobalOptions;
  readonly cwd: string;
  readonly logger: Logger;
  readonly json: boolean;
  /** Loads agentdevel.yaml (found by walking up, or --config). */
  project(): Promise<Project>;
  /**
   * Prints the command's result: the human text on stdout, or under --json the value as JSON
   * on stdout (the human text then goes to stderr unless --quiet).
   */
  result(human: string, value: unknown): void;
}

export function createContext(options: GlobalOptions, cwd = process.cwd()): CliContext {
  const level: LogLevel = options.quiet ? 'quiet' : options.verbose ? 'verbose' : 'normal';
  const logger = createLogger(level);
  let projectPromise: Promise<Project> | undefined;
  return {
    options,
    cwd,
    logger,
    json: Boolean(options.json),
    project: () => (projectPromise ??= import('../config/project.js').then((m) => m.loadProject({ configPath: options.config, cwd }))),
    result(human, value) {
      if (options.json) {
        process.stdout.write(`${mask(JSON.stringify(value, null, 2))}\n`);
        if (human && level !== 'quiet') process.stderr.write(`${mask(human)}\n`);
      } else if (human) {
        process.stdout.write(`${mask(human)}\n`);
      }
    },
  };
}
