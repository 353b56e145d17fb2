import type { Case, Tally } from '../case.js';
import { compareText, increment, round4, sortedCounts } from '../numbers.js';
import type { BuiltinScript } from '../script.js';
import type { Count, SymptomPatterns, TagPattern } from '../types.js';
import { NO_STEP, NO_TOOL, addCallNames, lastStepOf, positionOf, tokensOf, toolsNear } from './trace-position.js';

interface LabelState {
  records: number;
  tools: Map<string, number>;
  tokens: Map<string, number>;
  feedbackTokens: Map<string, number>;
  steps: Map<string, number>;
  positions: Map<string, number>;
  tags: Map<string, number>;
  suites: Map<string, number>;
}

/**
 * Where each label's failures happen: the tools called near the symptom's step, the tools
 * the critic names, the tools the scorer's feedback names (a tool that was never called, as in
 * a missing step, shows only there), the step and its position in the episode, the examples' tags (with their
 * lift over the dev records' base rate) and the suites.
 */
export const triggeringPatterns: BuiltinScript<SymptomPatterns[]> = {
  name: 'triggering-patterns',
  version: 1,
  start() {
    const states = new Map<string, LabelState>();
    // Tool names: those called in some dev trace, and those written as calls in critiques or feedback.
    const callNames = new Set<string>();
    const isTool = (token: string, tally: Tally) => tally.toolRecords.has(token) || callNames.has(token);
    const stateOf = (label: string) => {
      let state = states.get(label);
      if (state === undefined) {
        state = { records: 0, tools: new Map(), tokens: new Map(), feedbackTokens: new Map(), steps: new Map(), positions: new Map(), tags: new Map(), suites: new Map() };
        states.set(label, state);
      }
      return state;
    };
    return {
      add(c: Case) {
        if (c.record.status !== 'fail' || c.symptoms.length === 0) return;
        const lastStep = lastStepOf(c);
        for (const symptom of c.symptoms) {
          const state = stateOf(symptom.label);
          for (const tool of toolsNear(c, symptom.step)) increment(state.tools, tool);
          const text = `${symptom.description} ${symptom.evidence}`;
          for (const token of tokensOf(text)) increment(state.tokens, token);
          addCallNames(text, callNames);
          increment(state.steps, symptom.step === null ? NO_STEP : String(symptom.step));
          increment(state.positions, positionOf(symptom.step, lastStep));
        }
        const feedbackTokens = tokensOf(c.record.feedback);
        addCallNames(c.record.feedback, callNames);
        for (const label of c.labels) {
          const state = stateOf(label);
          state.records += 1;
          for (const token of feedbackTokens) increment(state.feedbackTokens, token);
          for (const tag of new Set(c.record.tags)) increment(state.tags, tag);
          increment(state.suites, c.record.suite);
        }
      },
      finish(tally: Tally): SymptomPatterns[] {
        const measured = tally.pass + tally.fail;
        return [...states]
          .sort(([a], [b]) => compareText(a, b))
          .map(([label, state]) => {
            const tools = sortedCounts(state.tools);
            const mentioned = new Map([...state.tokens].filter(([token]) => isTool(token, tally)));
            const mentionedTools = sortedCounts(mentioned);
            const feedbackTools = sortedCounts(new Map([...state.feedbackTokens].filter(([token]) => isTool(token, tally))));
            const tags = tagPatterns(state, tally, measured);
            return {
              label,
              tools,
              mentionedTools,
              feedbackTools,
              steps: stepCounts(state.steps),
              positions: sortedCounts(state.positions),
              tags,
              suites: sortedCounts(state.suites),
              triggeringTool: tools.find((t) => t.name !== NO_TOOL && t.name !== NO_STEP)?.name ?? null,
              triggeringMentionedTool: mentionedTools[0]?.name ?? null,
              triggeringFeedbackTool: feedbackTools[0]?.name ?? null,
              triggeringTag: triggeringTag(state, tally, measured, tags),
            };
          });
      },
    };
  },
};

function tagPatterns(state: LabelState, tally: Tally, measured: number): TagPattern[] {
  return [...state.tags]
    .map(([name, count]) => ({ name, count, lift: round4((count * measured) / (state.records * (tally.tagRecords.get(name) ?? 1))) }))
    .sort((a, b) => b.count - a.count || b.lift - a.lift || compareText(a.name, b.name));
}

/** The most counted tag whose share among the label's records exceeds its share of all dev records (exactly, in integers). */
function triggeringTag(state: LabelState, tally: Tally, measured: number, tags: TagPattern[]): string | null {
  const over = tags.filter((tag) => tag.count * measured > state.records * (tally.tagRecords.get(tag.name) ?? 0));
  return over[0]?.name ?? null;
}

/** Steps by count, then in step order (the no-step bucket last). */
function stepCounts(steps: Map<string, number>): Count[] {
  const order = (name: string) => (name === NO_STEP ? Infinity : Number(name));
  return [...steps].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || order(a.name) - order(b.name));
}
