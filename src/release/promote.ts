import type { Project } from '../config/index.js';
import { fail } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { LedgerEntry } from '../core/ledger.js';
import type { GateResult } from '../gate/index.js';
import { readIterationFolder } from '../report/index.js';
import { resolveIteration, storeLayout } from '../store/index.js';
import { checkedFlakyFile, FLAKY_FILE } from './gating/flaky-file.js';
import { readLineLedger } from './ledger/read.js';
import { openReleaseLine } from './line.js';
import { recordWithAuditReport } from './record-with-report.js';
import type { RecordResult } from './result.js';

export interface PromoteOptions {
  project: Project;
  agent: string;
  /** Default: the agent's latest iteration. */
  iteration?: number;
  dryRun?: boolean;
  /** The check a person's change was gated by: named in the ledger line. */
  origin?: LedgerEntry['origin'];
  logger?: Logger;
  now?: () => Date;
}

export interface PromoteResult extends RecordResult {
  gate: { decision: 'accept'; policy: string | null; p2f: number; f2p: number; pValue: number };
  rc: { branch: string; commit: string };
  simulated: boolean;
}

/**
 * Promotes a gated release candidate by hand (a CI job after review): the iteration's gate.json
 * must say accept; anything else is refused, never forced. The audit report is rendered from
 * the iteration's files and committed with the ledger line and the gate's flaky memory
 * (flaky.json: the next iteration, maybe a CI job with an empty store, reads it from the
 * version line), all in one commit; a second promote of the same
 * iteration finds it in the ledger and says so (or makes the tag a crash left unmade).
 */
export async function promoteIteration(options: PromoteOptions): Promise<PromoteResult> {
  const { project, agent } = options;
  const state = await resolveIteration(project.storeDir, agent, options.iteration);
  const folder = await readIterationFolder(storeLayout(project.storeDir).iterationDir(agent, state.n));
  const gate = folder.gate as GateResult | null;
  if (!gate) {
    return fail('ENOT_FOUND', `iteration ${state.n} of agent "${agent}" has no gate.json: its release candidate was not gated`, {
      details: `Gate it first (\`agentdevel gate --agent ${agent} --iteration ${state.n}\`); only a release candidate the gate accepted is promoted.`,
    });
  }
  if (gate.decision !== 'accept') refuse(agent, state.n, gate);
  if (!state.rcBranch || !state.rcCommit) {
    return fail('ENOT_FOUND', `iteration ${state.n} of agent "${agent}" was gated accept but its iteration.json names no RC commit`, {
      details: 'The iteration record is incomplete; rerun `agentdevel synthesize` for it, or start a new iteration.',
    });
  }
  const flaky = checkedFlakyFile(gate, agent, state.n, `${storeLayout(project.storeDir).iterationDir(agent, state.n)}/gate.json`);
  const now = (options.now ?? (() => new Date()))();
  const ledger = await readLineLedger(await openReleaseLine(project, agent));
  const { result, report } = await recordWithAuditReport({
    project,
    iteration: state,
    gate,
    ledger,
    releaseFiles: [{ name: FLAKY_FILE, content: flaky }],
    dryRun: options.dryRun ?? false,
    ...(options.origin ? { origin: options.origin } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    now,
  });
  return {
    ...result,
    gate: { decision: 'accept', policy: gate.policy.name ?? null, p2f: gate.counts.p2f, f2p: gate.counts.f2p, pValue: gate.pValue },
    rc: { branch: state.rcBranch, commit: state.rcCommit },
    simulated: result.entry.simulated || report.simulated,
  };
}

function refuse(agent: string, n: number, gate: GateResult): never {
  const failed = gate.reasons.filter((r) => !r.passed);
  const why = failed.map((r) => `${r.rule} (${r.message})`).join('; ');
  return fail('EPROMOTE_DECISION', `iteration ${n} of agent "${agent}" was gated ${gate.decision}, not accept: only a release candidate the gate accepted is promoted`, {
    data: { decision: gate.decision, failed: failed.map((r) => r.rule) },
    details: `${why ? `The gate's rules not met: ${why}. ` : ''}Nothing was written. \`agentdevel release\` records ${gate.decision === 'reject' ? 'rejections' : 'inconclusive iterations'} in the ledger; to try again, start a new iteration.`,
  });
}
