import { readFile } from 'node:fs/promises';
import type { EndpointConfig, Project, RoleName } from '../../config/index.js';
import type { LedgerEntry } from '../../core/ledger.js';
import { CRITIQUE_FILE } from '../../critic/journal.js';
import { readRunRecords } from '../../run/read-records.js';
import { exists, iterateJsonl, iterationFile, type IterationState } from '../../store/index.js';
import { confirmationRuns } from '../gating/confirm.js';
import { readConfirmation } from '../gating/stage.js';
import type { Spent } from './types.js';

type RoleRow = LedgerEntry['usage'][number];

/**
 * An iteration's model use per role, summed from its files (so a resumed iteration counts all
 * of it, not only what the last process did): the agent's calls in the baseline, RC and
 * confirmation runs (from the records' traces), the critic's (critique.jsonl), the engineer's
 * (synthesis.json's attempts). Tokens and cost count only fresh replies: a cache hit is free.
 */
export async function iterationUsage(project: Project, state: IterationState): Promise<RoleRow[]> {
  const rows = { agent: row('agent'), critic: row('critic'), engineer: row('engineer') };
  const confirmation = await readConfirmation(project.storeDir, state);
  const runs = [state.baselineRunId, state.rcRunId, ...confirmationRuns(confirmation)].filter((id): id is string => id !== undefined);
  for (const runId of new Set(runs)) {
    for await (const record of readRunRecords(project.storeDir, runId)) {
      for (const event of record.trace) {
        if (event.type === 'llm_call') add(rows.agent, event.cached, event.usage);
      }
    }
  }
  const critiques = iterationFile(project.storeDir, state.agent, state.n, CRITIQUE_FILE);
  if (await exists(critiques)) {
    for await (const c of iterateJsonl<{ critic?: { cached?: boolean; attempts?: number }; usage?: { promptTokens: number; completionTokens: number } }>(critiques)) {
      add(rows.critic, c.critic?.cached === true, c.usage ?? { promptTokens: 0, completionTokens: 0 }, c.critic?.attempts ?? 1);
    }
  }
  const synthesis = await readFile(iterationFile(project.storeDir, state.agent, state.n, 'synthesis.json'), 'utf8').catch(() => undefined);
  if (synthesis !== undefined) {
    const attempts = (JSON.parse(synthesis) as { attempts?: Array<{ cached: boolean; promptTokens: number; completionTokens: number }> }).attempts ?? [];
    for (const a of attempts) add(rows.engineer, a.cached, a);
  }
  return (Object.keys(rows) as RoleName[]).map((role) => priced(rows[role], project.config.endpoints[role]));
}

/** What the budget counts: fresh calls and their tokens, every role together. */
export function spentOf(rows: readonly RoleRow[]): Spent {
  return rows.reduce((sum, r) => ({ calls: sum.calls + r.calls - r.cacheHits, tokens: sum.tokens + r.promptTokens + r.completionTokens }), { calls: 0, tokens: 0 });
}

function row(role: string): RoleRow {
  return { role, calls: 0, cacheHits: 0, promptTokens: 0, completionTokens: 0, cost: null };
}

function add(into: RoleRow, cached: boolean, usage: { promptTokens: number; completionTokens: number }, calls = 1): void {
  into.calls += calls;
  if (cached) {
    into.cacheHits += calls;
    return;
  }
  into.promptTokens += usage.promptTokens;
  into.completionTokens += usage.completionTokens;
}

function priced(r: RoleRow, endpoint: EndpointConfig): RoleRow {
  if (!endpoint.pricing) return r;
  return { ...r, cost: (r.promptTokens * endpoint.pricing.promptPerMillion + r.completionTokens * endpoint.pricing.completionPerMillion) / 1e6 };
}
