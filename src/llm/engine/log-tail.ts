/** The last lines of a process's log, kept for the error that says why it failed. */
export class LogTail {
  private readonly lines: string[] = [];

  constructor(private readonly size = 40) {}

  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.size) this.lines.shift();
  }

  text(): string {
    return this.lines.length === 0 ? '(it printed nothing)' : this.lines.join('\n');
  }

  some(pattern: RegExp): boolean {
    return this.lines.some((line) => pattern.test(line));
  }
}
