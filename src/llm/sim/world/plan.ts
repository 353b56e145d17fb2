import type { SimFailureMode } from '../../../config/index.js';
import type { CatalogueExample } from './catalogue.js';
import { answerOnlyPlan } from './plan-answer.js';
import { toolPlan } from './plan-tools.js';
import { phrases } from './phrases.js';

/** One tool call as the agent will send it: arguments as JSON text (or, for bad-format, not JSON). */
export interface PlanCall {
  name: string;
  arguments: string;
}

/**
 * What the simulated agent does in one episode: calls one per turn, then the answer; or, for
 * a loop, the calls and then `loop` forever (the agent's step limit ends it).
 */
export interface EpisodePlan {
  /** 'pass', or the failure mode actually played (a mode the example cannot show falls back to one it can). */
  mode: 'pass' | SimFailureMode;
  calls: PlanCall[];
  loop: PlanCall | undefined;
  answer: string;
  finishReason: 'stop' | 'length';
}

export type PlanStep = { kind: 'call'; call: PlanCall } | { kind: 'answer'; content: string; finishReason: 'stop' | 'length' };

/** The step a conversation with `turn` assistant messages so far has reached. */
export function stepAt(plan: EpisodePlan, turn: number): PlanStep {
  const call = plan.calls[turn] ?? plan.loop;
  if (call) return { kind: 'call', call };
  return { kind: 'answer', content: plan.answer, finishReason: plan.finishReason };
}

/** What a failing episode needs to know beyond the example: its mode, the tool it is about, the tools on offer. */
export interface FailureContext {
  mode: SimFailureMode;
  tool: string | undefined;
  offered: readonly string[];
}

export function planEpisode(example: CatalogueExample, offered: readonly string[], failure: FailureContext | undefined): EpisodePlan {
  const offeredSet = new Set(offered);
  const calls = example.calls.filter((call) => offeredSet.has(call.name));
  if (!failure) {
    return {
      mode: 'pass',
      calls: calls.map((call) => ({ name: call.name, arguments: JSON.stringify(call.arguments) })),
      loop: undefined,
      answer: example.answer ?? phrases.done,
      finishReason: 'stop',
    };
  }
  if (failure.mode === 'refuse') return { mode: 'refuse', calls: [], loop: undefined, answer: phrases.refusal, finishReason: 'stop' };
  return calls.length > 0 ? toolPlan(example, calls, failure) : answerOnlyPlan(example, failure);
}
