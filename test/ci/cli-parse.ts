import { CommanderError } from 'commander';
import { buildProgram } from '../../src/cli/main.js';
import { parseShard } from '../../src/run/index.js';

/**
 * Parses an agentdevel command line with the CLI's own commander program, every command's
 * action replaced by a no-op: nothing is loaded or run. Returns the command and its options,
 * or the parser's error text. `--shard` is also checked by the run stage's own parser.
 */
export function parseCommandLine(words: string[]): { ok: true; command: string; args: string[]; options: Record<string, unknown> } | { ok: false; error: string } {
  const program = buildProgram();
  const errors: string[] = [];
  const quiet = { writeOut: () => {}, writeErr: (text: string) => void errors.push(text) };
  program.configureOutput(quiet);
  let ran: { command: string; args: string[]; options: Record<string, unknown> } | undefined;
  for (const command of program.commands) {
    command.configureOutput(quiet);
    command.action((...received: unknown[]) => {
      ran = { command: command.name(), args: (received.slice(0, -2) as Array<string | string[] | undefined>).flatMap((a) => (a === undefined ? [] : a)), options: command.opts() };
    });
  }
  try {
    program.parse(words, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return { ok: false, error: errors.join('') || error.message };
    throw error;
  }
  if (!ran) return { ok: false, error: `no command ran for: ${words.join(' ')}` };
  if (typeof ran.options.shard === 'string') {
    try {
      parseShard(ran.options.shard);
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }
  return { ok: true, ...ran };
}
