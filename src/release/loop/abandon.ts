import type { Project } from '../../config/index.js';
import { fail } from '../../core/errors.js';
import { silentLogger, type Logger } from '../../core/log.js';
import { listIterations, readIteration, type IterationState } from '../../store/index.js';
import { readLineLedger } from '../ledger/read.js';
import { openReleaseLine } from '../line.js';
import { acquireReleaseLock } from '../lock.js';
import { recordDecision } from '../record.js';
import { readPlan, writePlan, type ReleasePlan } from './plan.js';

export interface AbandonResult {
  agent: string;
  plan: ReleasePlan;
  /** The iterations it had begun and not recorded, now recorded as abandoned (no candidate gated). */
  recorded: Array<{ n: number; commit: string | null; stages: string[] }>;
}

/**
 * `agentdevel release --abandon`: ends a release that was stopped before it finished, so the
 * next release starts afresh with its own settings instead of continuing it. Each iteration it
 * had begun and not recorded gets its ledger line, `no-candidate` with the reason "abandoned",
 * so the numbering and the record in git stay whole (a CI job with an empty store continues
 * after it); the plan is closed with the time it was abandoned. Its RC branches stay for audit.
 */
export async function abandonRelease(options: { project: Project; agent: string; logger?: Logger; now?: () => Date }): Promise<AbandonResult> {
  const { project, agent } = options;
  const now = options.now ?? (() => new Date());
  const plan = await readPlan(project.storeDir, agent);
  if (!plan || plan.finishedAt !== undefined) {
    return fail('ENOT_FOUND', `no unfinished release of ${agent} to abandon${plan ? ` (the last one, begun at ${plan.startedAt}, finished at ${plan.finishedAt})` : ''}`, {
      details: 'Nothing to do: `agentdevel release` starts a new release.',
    });
  }
  const lock = await acquireReleaseLock(project.storeDir, agent, { purpose: 'abandon' });
  try {
    const line = await openReleaseLine(project, agent);
    const ledger = new Set((await readLineLedger(line)).map((e) => e.iteration));
    const stored = new Set(await listIterations(project.storeDir, agent));
    const recorded: AbandonResult['recorded'] = [];
    for (let n = plan.first; n < plan.first + plan.iterations; n++) {
      if (ledger.has(n) || !stored.has(n)) continue;
      const state = await readIteration(project.storeDir, agent, n);
      const stages = Object.keys(state.completed);
      const reason = `abandoned: the release begun at ${plan.startedAt} was abandoned (agentdevel release --abandon) after ${stages.length > 0 ? `the stages ${stages.join(', ')}` : 'no completed stage'}; nothing of this iteration was gated`;
      const result = await recordDecision({ project, agent, iteration: state, gate: null, reason, report: abandonedReport(state, reason), logger: options.logger ?? silentLogger, now });
      recorded.push({ n, commit: result.recordCommit, stages });
    }
    const closed = { ...plan, finishedAt: now().toISOString(), abandonedAt: now().toISOString() };
    await writePlan(project.storeDir, agent, closed);
    return { agent, plan: closed, recorded };
  } finally {
    await lock.release();
  }
}

function abandonedReport(state: IterationState, reason: string): string {
  return [`## Abandoned: agent ${state.agent}, iteration ${state.n}`, '', `${reason[0]!.toUpperCase()}${reason.slice(1)}.`, ''].join('\n');
}
