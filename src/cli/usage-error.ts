import type { CommanderError } from 'commander';
import { AgentdevelError } from '../core/errors.js';

/**
 * A command line commander refused (an unknown command or flag, a missing value) as the
 * registry's EUSAGE, so it is printed and exits like every other error and honours --json:
 * commander's wording, its "did you mean" suggestion kept, and the help to read, named.
 */
export function usageError(error: CommanderError, command: string | undefined): AgentdevelError {
  // Commander printed the help already (to stderr) when no command was given.
  if (error.code === 'commander.help') return new AgentdevelError('EUSAGE', 'no command given', { details: helpHint(command), data: { commander: error.code } });
  const [first = '', ...rest] = error.message.replace(/^error: /, '').split('\n');
  const suggestion = rest.map((line) => /^\(Did you mean (.+)\?\)$/.exec(line.trim())?.[1]).find((s) => s !== undefined);
  const message = suggestion ? `${first}; did you mean ${suggestion}?` : first;
  return new AgentdevelError('EUSAGE', message, {
    details: helpHint(error.code === 'commander.unknownCommand' ? undefined : command),
    data: { commander: error.code, ...(command ? { command } : {}), ...(suggestion ? { suggestion } : {}) },
  });
}

/** Where the accepted flags and arguments are listed: the command's own help, or the list of commands. */
export function helpHint(command: string | undefined): string {
  return command ? `Run \`agentdevel ${command} --help\` for its flags and arguments.` : 'Run `agentdevel --help` for the commands and global flags.';
}
