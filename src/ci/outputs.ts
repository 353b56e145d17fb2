import { fail } from '../core/errors.js';

/**
 * Step outputs in `$GITHUB_OUTPUT`'s multiline-safe form, as the Actions toolkit writes them
 * (@actions/core, file-command.ts):
 *
 *   name<<ghadelimiter_<random>
 *   value
 *   ghadelimiter_<random>
 *
 * The delimiter is random per write, so no value (a report line, an example id) can end the
 * block early and set an output of its own; a name or value that contains it is refused.
 */
export function outputBlock(name: string, value: string, delimiter: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) fail('EINTERNAL', `output name "${name}": expected letters, digits, - and _`);
  if (value.includes(delimiter)) fail('EINTERNAL', `the value of output ${name} contains the delimiter ${delimiter}`);
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

export function outputBlocks(outputs: Record<string, string>, delimiter: string): string {
  return Object.entries(outputs)
    .map(([name, value]) => outputBlock(name, value, delimiter))
    .join('');
}
