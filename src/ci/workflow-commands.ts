/**
 * GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`), escaped the way
 * the Actions toolkit escapes them (@actions/core, command.ts): in the message `%`, `\r` and
 * `\n`; in a property value also `:` and `,`, which would otherwise end the value. Escaping
 * is what keeps text from a suite file (an example id, a symptom label) from ending the
 * command early or starting a command of its own on a new line.
 */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One workflow command line; properties without a value are left out. */
export function workflowCommand(command: string, properties: Record<string, string | number | undefined>, message: string): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${command}${props === '' ? '' : ` ${props}`}::${escapeData(message)}`;
}
