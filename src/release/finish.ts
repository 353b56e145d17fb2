import { createAnnotatedTag, listVersionTags } from '../core/git/index.js';
import { fail } from '../core/errors.js';
import type { LedgerDecision, LedgerEntry } from '../core/ledger.js';
import type { IterationState } from '../store/index.js';
import { findRecordCommit } from './git/find-record.js';
import { tagMessage } from './ledger/message.js';
import type { ReleaseLine } from './line.js';
import { markRecorded } from './mark-iteration.js';
import type { RecordResult } from './result.js';

export interface FinishInput {
  line: ReleaseLine;
  recorded: LedgerEntry;
  decision: LedgerDecision;
  tip: string;
  dryRun: boolean;
  steps: string[];
  state: IterationState;
}

/**
 * An iteration the ledger already records: a rerun. The record is never rewritten (another
 * decision for it is refused); an accept whose tag a crash left unmade gets it now, on the
 * commit that recorded it.
 */
export async function completeRecorded(input: FinishInput): Promise<RecordResult> {
  const { line, recorded, steps } = input;
  if (recorded.decision !== input.decision) {
    return fail('EGIT_STATE', `iteration ${recorded.iteration} of ${line.agent} is already recorded as ${recorded.decision} on ${line.branch}, not ${input.decision}`, {
      details: 'A record is never rewritten. To try again, start a new iteration (`agentdevel release`).',
    });
  }
  const commit = await findRecordCommit(line.repo, input.tip, line.agent, recorded.iteration, line.ledgerPath);
  if (!commit) {
    return fail('ELEDGER', `${line.ledgerPath} records iteration ${recorded.iteration}, but no commit on the first-parent line of ${line.branch} carries its trailers`, {
      details: 'The ledger was edited by hand or the branch was rewritten. Restore the branch from its reflog (`git reflog show ' + line.branch + '`), then rerun.',
    });
  }
  const previous = { number: recorded.parent.version, tag: recorded.parent.tag, commit: recorded.parent.commit };
  const base = { agent: line.agent, iteration: recorded.iteration, decision: recorded.decision, branch: line.branch, entry: recorded, files: [line.ledgerPath, recorded.report], previous, recordCommit: commit };
  if (recorded.version === null || recorded.tag === null) {
    if (!input.dryRun) await markRecorded(line.storeDir, input.state, recorded.decision);
    return { ...base, status: 'already-recorded', version: previous, steps };
  }
  const version = { number: recorded.version, tag: recorded.tag, commit };
  const tagged = (await listVersionTags(line.repo, line.agent)).some((t) => t.tag === recorded.tag);
  if (input.dryRun) {
    if (!tagged) steps.push(`make the missing tag ${recorded.tag} on ${commit.slice(0, 12)} (a run stopped after moving the branch)`);
    return { ...base, status: tagged && steps.length === 0 ? 'already-promoted' : 'dry-run', version, steps };
  }
  const made = await createAnnotatedTag(line.repo, recorded.tag, commit, tagMessage(recorded));
  if (made === 'created') steps.push(`made the missing tag ${recorded.tag} on ${commit.slice(0, 12)} (a run stopped after moving the branch)`);
  await markRecorded(line.storeDir, input.state, recorded.decision);
  return { ...base, status: made === 'created' ? 'completed' : 'already-promoted', version, steps };
}
