import { measuredRecordsByTag, type Case, type Tally } from '../case.js';
import { compareText, Counter, round4, sortedCounts } from '../numbers.js';
import type { BuiltinScript } from '../script.js';
import type { Count, SymptomPatterns, TagPattern } from '../types.js';
import { NO_STEP, NO_TOOL, positionOf, summariseTrace, toolNamesIn, toolsNear } from './trace-position.js';

interface LabelState {
  records: number;
  tools: Counter;
  namedByCritic: Counter;
  namedByFeedback: Counter;
  steps: Counter;
  positions: Counter;
  tags: Counter;
  suites: Counter;
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
    // Tool names: those called in some labelled failing dev trace, and those written as calls in critiques or feedback.
    const called = new Set<string>();
    const callNames = new Set<string>();
    const isTool = (token: string) => called.has(token) || callNames.has(token);
    const stateOf = (label: string) => {
      let state = states.get(label);
      if (state === undefined) {
        state = { records: 0, tools: new Counter(), namedByCritic: new Counter(), namedByFeedback: new Counter(), steps: new Counter(), positions: new Counter(), tags: new Counter(), suites: new Counter() };
        states.set(label, state);
      }
      return state;
    };
    return {
      add(c: Case) {
        if (c.record.status !== 'fail' || c.symptoms.length === 0) return;
        const trace = summariseTrace(c.record);
        const recordTools = trace.tools;
        for (const tool of recordTools) called.add(tool);
        for (const symptom of c.symptoms) {
          const state = stateOf(symptom.label);
          for (const tool of toolsNear(trace, symptom.step)) state.tools.add(tool);
          const named = toolNamesIn(symptom.description, recordTools, callNames);
          toolNamesIn(symptom.evidence, recordTools, callNames, named);
          for (const name of named) state.namedByCritic.add(name);
          state.steps.add(symptom.step === null ? NO_STEP : String(symptom.step));
          state.positions.add(positionOf(symptom.step, trace.lastStep));
        }
        const feedbackNames = toolNamesIn(c.record.feedback, recordTools, callNames);
        for (const label of c.labels) {
          const state = stateOf(label);
          state.records += 1;
          for (const name of feedbackNames) state.namedByFeedback.add(name);
          const tags = c.record.tags;
          for (let i = 0; i < tags.length; i++) if (tags.indexOf(tags[i]!) === i) state.tags.add(tags[i]!);
          state.suites.add(c.record.suite);
        }
      },
      finish(tally: Tally): SymptomPatterns[] {
        const measured = tally.pass + tally.fail;
        const byTag = measuredRecordsByTag(tally);
        return [...states]
          .sort(([a], [b]) => compareText(a, b))
          .map(([label, state]) => {
            const tools = sortedCounts(state.tools.entries());
            const mentioned = state.namedByCritic.entries().filter(([token]) => isTool(token));
            const mentionedTools = sortedCounts(mentioned);
            const feedbackTools = sortedCounts(state.namedByFeedback.entries().filter(([token]) => isTool(token)));
            const tags = tagPatterns(state, byTag, measured);
            return {
              label,
              tools,
              mentionedTools,
              feedbackTools,
              steps: stepCounts(state.steps.entries()),
              positions: sortedCounts(state.positions.entries()),
              tags,
              suites: sortedCounts(state.suites.entries()),
              triggeringTool: tools.find((t) => t.name !== NO_TOOL && t.name !== NO_STEP)?.name ?? null,
              triggeringMentionedTool: mentionedTools[0]?.name ?? null,
              triggeringFeedbackTool: feedbackTools[0]?.name ?? null,
              triggeringTag: triggeringTag(state, byTag, measured, tags),
            };
          });
      },
    };
  },
};

function tagPatterns(state: LabelState, byTag: Map<string, number>, measured: number): TagPattern[] {
  return state.tags
    .entries()
    .map(([name, count]) => ({ name, count, lift: round4((count * measured) / (state.records * (byTag.get(name) ?? 1))) }))
    .sort((a, b) => b.count - a.count || b.lift - a.lift || compareText(a.name, b.name));
}

/** The most counted tag whose share among the label's records exceeds its share of all dev records (exactly, in integers). */
function triggeringTag(state: LabelState, byTag: Map<string, number>, measured: number, tags: TagPattern[]): string | null {
  const over = tags.filter((tag) => tag.count * measured > state.records * (byTag.get(tag.name) ?? 0));
  return over[0]?.name ?? null;
}

/** Steps by count, then in step order (the no-step bucket last). */
function stepCounts(steps: Array<[string, number]>): Count[] {
  const order = (name: string) => (name === NO_STEP ? Infinity : Number(name));
  return steps.map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || order(a.name) - order(b.name));
}
