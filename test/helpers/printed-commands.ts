/** The shell commands in the summary: `look around: …`, `ledger: …`, and lines that start with git. */
export function printedCommands(text: string): string[] {
  return text
    .split('\n')
    .map((line) => /^ +(?:look around: |ledger: )?((?:cd |git ).*)$/.exec(line)?.[1])
    .filter((command): command is string => command !== undefined);
}
