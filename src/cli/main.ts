import { Command, CommanderError, Option } from 'commander';
import { AgentdevelError, errorRegistry } from '../core/errors.js';
import { commands } from './commands.js';
import { createContext, type GlobalOptions } from './context.js';
import { reportError } from './report-error.js';
import { helpHint, usageError } from './usage-error.js';

const VERSION = '0.1.0';

export function buildProgram(): Command {
  const program = new Command('agentdevel')
    .description('Release engineering for LLM agents: run, critique, diagnose, synthesize one release candidate, gate it on per-example flips, promote it in git.')
    .version(VERSION)
    .option('--config <file>', 'config file (default: agentdevel.yaml, searched upwards from the working directory)')
    .option('--json', 'machine-readable output on stdout; human text on stderr')
    .option('--quiet', 'print only results and errors')
    .option('--verbose', 'print debugging detail')
    // Usage errors are reported as EUSAGE (main), not printed by commander.
    .configureOutput({ outputError: () => {} })
    .exitOverride();

  for (const spec of commands) {
    const command = program
      .command(spec.name)
      .description(spec.summary)
      .exitOverride((error) => {
        throw Object.assign(error, { command: spec.name });
      });
    for (const arg of spec.args ?? []) command.argument(arg);
    for (const option of spec.options ?? []) {
      const built = new Option(option.flags, option.description);
      if (option.default !== undefined) built.default(option.default);
      command.addOption(built);
    }
    command.action(async (...received: unknown[]) => {
      const self = received[received.length - 1] as Command;
      const options = { ...self.opts(), __command: spec.name };
      const args = (received.slice(0, -2) as Array<string | string[] | undefined>).flatMap((a) => (a === undefined ? [] : a));
      const ctx = createContext(program.opts<GlobalOptions>());
      const module = await spec.load();
      const code = await module.default(args, options, ctx).catch((error: unknown) => {
        throw namedUsage(error, spec.name);
      });
      process.exitCode = code ?? 0;
    });
  }
  return program;
}

export async function main(argv: string[] = process.argv): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    // --json may follow the bad flag, where commander stopped before reading it.
    const json = Boolean(program.opts<GlobalOptions>().json) || argv.slice(2).includes('--json');
    if (error instanceof CommanderError) {
      // Help and version are successes; anything else is bad usage.
      if (error.exitCode === 0) return 0;
      return reportError(usageError(error, (error as CommanderError & { command?: string }).command), json);
    }
    return reportError(error, json);
  }
}


/** An EUSAGE with the registry's generic hint gets the hint of the command that raised it. */
function namedUsage(error: unknown, command: string): unknown {
  if (!(error instanceof AgentdevelError) || error.code !== 'EUSAGE' || error.details !== errorRegistry.EUSAGE.fix) return error;
  return new AgentdevelError('EUSAGE', error.message, { details: helpHint(command), ...(error.data ? { data: error.data } : {}), cause: error.cause });
}
