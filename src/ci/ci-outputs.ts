import type { GateResult } from '../gate/index.js';

/** What an iteration ended as, from its files: the gate's verdict, or why there was none. */
export interface IterationVerdict {
  agent: string;
  iteration: number;
  /** gate.json, when the release candidate was gated. */
  gate: GateResult | null;
  /** The decision recorded in the ledger, when recorded (no-candidate has no gate.json). */
  recorded: string | null;
  /** The version tag the line holds after the iteration (the new one when it was accepted and recorded). */
  version: string | null;
  simulated: boolean;
}

/**
 * The step outputs `agentdevel ci` sets: `decision`, `p2f`, `f2p`, `version` as the issue
 * names them, plus what a workflow needs to act on them (`exit-code` is the gate's exit
 * status, 0/10/11, so the workflow's conclusion can follow it after the report is published).
 */
export function verdictOutputs(verdict: IterationVerdict): Record<string, string> {
  const { gate } = verdict;
  const decision = gate?.decision ?? verdict.recorded ?? 'none';
  return {
    decision,
    p2f: String(gate?.counts.p2f ?? 0),
    f2p: String(gate?.counts.f2p ?? 0),
    flaky: String(gate?.counts.flaky ?? 0),
    version: verdict.version ?? '',
    agent: verdict.agent,
    iteration: String(verdict.iteration),
    'exit-code': String(gate?.exitCode ?? 0),
    simulated: String(verdict.simulated),
  };
}
