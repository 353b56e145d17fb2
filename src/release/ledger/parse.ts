import { fail } from '../../core/errors.js';
import { ledgerEntrySchema, type LedgerEntry } from '../../core/ledger.js';

/**
 * The ledger's lines, each validated: JSON, the schema, the agent it belongs to, one line per
 * iteration, and versions rising along the file. Anything else names its line and is ELEDGER:
 * the ledger is committed history, never guessed at. `where` is how the file is shown
 * (`releases/a/ledger.jsonl`), `at` what holds it (`agentdevel/a at 1a2b3c4d5e6f`).
 */
export function parseLedger(text: string, agent: string, where: string, at: string): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  const iterations = new Set<number>();
  let lastVersion = 0;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, index) => {
    const bad = (message: string): never => fail('ELEDGER', `${where}:${index + 1} (${at}): ${message}`, { data: { file: where, line: index + 1 } });
    if (line.trim() === '') bad('an empty line; every line of the ledger is one JSON record');
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      bad(`not valid JSON (${(error as Error).message})`);
    }
    const parsed = ledgerEntrySchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      bad(`${issue?.path.length ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'not a ledger record'}`);
      return;
    }
    const entry = parsed.data;
    if (entry.agent !== agent) bad(`a record of agent "${entry.agent}" in the ledger of "${agent}"`);
    if (iterations.has(entry.iteration)) bad(`iteration ${entry.iteration} is recorded a second time`);
    const accepted = entry.decision === 'accept';
    if (accepted !== (entry.version !== null) || accepted !== (entry.tag !== null)) bad(`decision ${entry.decision} with version ${entry.version} and tag ${entry.tag}: only an accept makes a version`);
    if (entry.version !== null) {
      if (entry.version <= lastVersion) bad(`version ${entry.version} follows version ${lastVersion}: versions only rise`);
      lastVersion = entry.version;
    }
    iterations.add(entry.iteration);
    entries.push(entry);
  });
  return entries;
}

/** The ledger with one more record: the text as it was (a final newline ensured) plus the line. */
export function appendLedger(text: string, entry: LedgerEntry): string {
  const base = text === '' || text.endsWith('\n') ? text : `${text}\n`;
  return `${base}${JSON.stringify(entry)}\n`;
}
