import { Command, CommanderError, Option } from 'commander';
import { commands } from './commands.js';
import { createContext, type GlobalOptions } from './context.js';
import { reportError } from './report-error.js';

const VERSION = '0.1.0';

export function buildProgram(): Command {
  const program = new Command('agentdevel')
    .description('Release engineering for LLM agents: run, critique, diagnose, synthesize one release candidate, gate it on per-example flips, promote it in git.')
    .version(VERSION)
    .option('--config <file>', 'config file (default: agentdevel.yaml, searched upwards from the working directory)')
    .option('--json', 'machine-readable output on stdout; human text on stderr')
    .option('--quiet', 'print only results and errors')
    .option('--verbose', 'print debugging detail')
    .showHelpAfterError('(run agentdevel --help for the commands and flags)')
    .exitOverride();

  for (const spec of commands) {
    const command = program.command(spec.name).description(spec.summary).exitOverride();
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
      const code = await module.default(args, options, ctx);
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
    if (error instanceof CommanderError) {
      // Help and version are successes; anything else is bad usage (commander printed it).
      return error.exitCode === 0 ? 0 : 2;
    }
    return reportError(error, Boolean(program.opts<GlobalOptions>().json));
  }
}

