import { AgentdevelError, ExitError, ExitCode } from '../core/errors.js';
import { mask } from '../core/secrets.js';

const REPORT_URL = 'https://github.com/agentdevel/agentdevel/issues';

/** Prints an error the way the registry says and returns the exit code. */
export function reportError(error: unknown, json: boolean): number {
  if (error instanceof ExitError) return error.exitCode;
  if (error instanceof AgentdevelError) {
    if (json) process.stdout.write(`${mask(JSON.stringify({ error: error.toJSON() }, null, 2))}\n`);
    process.stderr.write(mask(`${error.code} ${error.message}\n${indent(error.details)}\n`));
    return error.exitCode;
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const internal = {
    code: 'EINTERNAL',
    message: error instanceof Error ? error.message : String(error),
    details: `This is a bug in agentdevel. Please report it at ${REPORT_URL} with the command you ran and this output.`,
    exitCode: ExitCode.internal,
  };
  if (json) process.stdout.write(`${mask(JSON.stringify({ error: internal }, null, 2))}\n`);
  process.stderr.write(mask(`EINTERNAL ${internal.message}\n${indent(internal.details)}\n${text}\n`));
  return ExitCode.internal;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
