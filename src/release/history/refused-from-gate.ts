import { taskText, type Example } from '../../config/index.js';
import type { GateResult } from '../../gate/index.js';
import { diffSummary, type DiffFileSummary, type RefusedCandidate, type RefusedRegression } from '../../synthesis/index.js';

/** What is known of a gated candidate, in memory: the release loop reads it from the store, the study holds it. */
export interface GatedCandidate {
  iteration: number;
  gate: Pick<GateResult, 'decision' | 'reasons' | 'flips'>;
  /** The candidate's tree hash (synthesis' candidateHash); null when unknown. */
  candidateHash: string | null;
  intent: { targets: readonly string[]; summary: string } | null;
  /** The candidate's unified diff (rc.patch), or its summary when only that is kept (the ledger's `diff`). */
  change: { patch: string } | { diff: DiffFileSummary[] } | null;
  /** The suites' examples by key `suite/id` (task and expected answer). */
  example: (key: string) => Pick<Example, 'input' | 'expected'> | undefined;
  /** The first output each version gave on an example (a run record's `output`); undefined when not known. */
  output: (side: 'baseline' | 'candidate', key: string) => unknown;
}

/**
 * A gated candidate as the engineer's history shows it, or undefined when the gate accepted
 * it. Its regressions are the confirmed P→F of the dev split only: holdout examples are kept
 * from the engineer, as from everything that shapes a candidate.
 */
export function refusedFromGate(input: GatedCandidate): RefusedCandidate | undefined {
  const { gate } = input;
  if (gate.decision === 'accept') return undefined;
  const regressions: RefusedRegression[] = gate.flips
    .filter((flip) => flip.direction === 'p2f' && flip.status === 'confirmed' && flip.split === 'dev')
    .map((flip) => {
      const example = input.example(flip.key);
      return {
        key: flip.key,
        task: example ? taskText(example.input) : '(unknown)',
        expected: example?.expected === undefined ? null : answerText(example.expected),
        baseline: answerText(input.output('baseline', flip.key)),
        candidate: answerText(input.output('candidate', flip.key)),
      };
    });
  return {
    iteration: input.iteration,
    outcome: gate.decision,
    candidateHash: input.candidateHash,
    intent: input.intent ? { targets: [...input.intent.targets], summary: input.intent.summary } : null,
    diff: input.change === null ? [] : 'patch' in input.change ? diffSummary(input.change.patch) : input.change.diff,
    rules: gate.reasons.filter((reason) => !reason.passed).map((reason) => ({ rule: reason.rule, detail: reason.message })),
    regressions,
  };
}

/**
 * An output or expected answer as text: a string as it is; a prompt agent's output
 * (`{ answer, toolCalls }`) as its answer, its tool calls after it when it made any; anything
 * else as JSON; null when there is none.
 */
export function answerText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  const { answer, toolCalls } = value as { answer?: unknown; toolCalls?: unknown };
  if (typeof answer === 'string' && Array.isArray(toolCalls) && Object.keys(value).length === 2) {
    return toolCalls.length === 0 ? answer : `${answer} (tool calls: ${JSON.stringify(toolCalls)})`;
  }
  return JSON.stringify(value);
}
