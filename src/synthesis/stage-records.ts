import type { Project } from '../config/index.js';
import { markCompleted, type IterationState } from '../store/index.js';
import { readRecorded, writeSynthesisRecord, type SynthesisRecord } from './iteration-files.js';
import type { SynthesizeStageResult } from './stage-types.js';

/** The iteration ends without a candidate: synthesis.json says why, iteration.json says so. */
export async function recordNoCandidate(
  storeDir: string,
  state: IterationState,
  fields: Pick<SynthesisRecord, 'status' | 'reason' | 'blueprintHash' | 'attempts' | 'duplicateOf'> & { base: { branch: string; commit: string }; engineer?: SynthesisRecord['engineer'] },
  project: Project,
): Promise<void> {
  const { base, engineer, ...rest } = fields;
  await writeSynthesisRecord(storeDir, state, {
    agent: state.agent,
    iteration: state.n,
    engineer: engineer ?? { model: '', simulated: project.config.endpoints.engineer.baseURL === 'sim' },
    limits: project.config.synthesis,
    base: { branch: base.branch, commit: base.commit },
    ...rest,
  });
  await markCompleted(storeDir, state, 'synthesize', { outcome: 'no-candidate' });
}

/** A rerun once the RC commit exists: what was recorded, nothing done. */
export async function alreadyCommitted(storeDir: string, state: IterationState): Promise<SynthesizeStageResult> {
  const recorded = await readRecorded(storeDir, state);
  const record = recorded.record;
  return {
    agent: state.agent,
    iteration: state.n,
    status: 'already-committed',
    rcBranch: state.rcBranch,
    rcCommit: state.rcCommit,
    ...(record ? { engineer: record.engineer, base: { ...record.base, created: false }, files: record.files } : {}),
    ...(recorded.patch === undefined ? {} : { patch: recorded.patch }),
    ...(recorded.intent === undefined ? {} : { intent: recorded.intent }),
    attempts: record?.attempts ?? [],
  };
}
