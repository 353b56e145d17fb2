/**
 * Reads a step's `$GITHUB_OUTPUT` / `$GITHUB_ENV` file as the runner does: `name=value` lines
 * and `name<<DELIMITER` blocks ending at a line equal to the delimiter. A block left open, or a
 * line that is neither, is an error: the runner fails such a step too.
 */
export function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    const equals = line.indexOf('=');
    if (heredoc && (equals === -1 || line.indexOf('<<') < equals)) {
      const [, name, delimiter] = heredoc;
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) body.push(lines[i]!);
      if (i >= lines.length) throw new Error(`output ${name}: the block never ends with ${delimiter}`);
      values[name!] = body.join('\n');
    } else if (equals > 0) {
      values[line.slice(0, equals)] = line.slice(equals + 1);
    } else {
      throw new Error(`not a file command line: ${JSON.stringify(line)}`);
    }
  }
  return values;
}
