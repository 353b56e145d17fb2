import type { SimFailureMode } from '../../../config/index.js';
import type { CatalogueExample, PlannedCall } from './catalogue.js';
import type { EpisodePlan, FailureContext, PlanCall } from './plan.js';
import { phrases } from './phrases.js';
import { badFormat, corruptArguments, malformedArguments, ownWayAnswer, wrongAnswer } from './variants.js';

/**
 * Failing episodes of an example that makes tool calls. The call the failure is about (the
 * target) is the first call to the need's tool, else the first call; each mode changes the
 * calls or the answer in the way its name says, so the trace shows it.
 */
export function toolPlan(example: CatalogueExample, calls: readonly PlannedCall[], failure: FailureContext): EpisodePlan {
  const byTool = calls.findIndex((call) => call.name === failure.tool);
  const target = Math.max(byTool, 0);
  const json = (call: PlannedCall): PlanCall => ({ name: call.name, arguments: JSON.stringify(call.arguments) });
  const hasAnswer = example.answer !== undefined || example.wrong !== undefined;
  const failAnswer = example.answer === undefined && example.wrong === undefined ? phrases.done : wrongAnswer(example.answer, example.wrong, example.answerKind);
  const plan = (mode: SimFailureMode, planned: PlanCall[], answer = failAnswer, loop?: PlanCall): EpisodePlan => ({
    mode,
    calls: planned,
    loop,
    answer,
    finishReason: 'stop',
  });
  const replaceTarget = (call: PlanCall) => calls.map((c, i) => (i === target ? call : json(c)));
  const skipTool = (): EpisodePlan => {
    const skipped = byTool >= 0 ? calls.filter((call) => call.name !== failure.tool) : calls.filter((_, i) => i !== target);
    return plan('skip-tool', skipped.map(json));
  };
  const badArgs = () => plan('bad-args', replaceTarget({ name: calls[target]!.name, arguments: JSON.stringify(corruptArguments(calls[target]!.arguments)) }));

  switch (failure.mode) {
    case 'skip-tool':
      return skipTool();
    case 'wrong-order': {
      const other = target + 1 < calls.length ? target + 1 : target - 1;
      const a = calls[target]!;
      const b = calls[other];
      if (!b || JSON.stringify(json(a)) === JSON.stringify(json(b))) return skipTool();
      return plan('wrong-order', calls.map((c, i) => json(i === target ? b : i === other ? a : c)));
    }
    case 'bad-args':
      return badArgs();
    case 'wrong-tool': {
      const expected = new Set(calls.map((call) => call.name));
      const own = calls[target]!.name;
      const substitute = failure.offered.find((name) => name !== own && !expected.has(name)) ?? failure.offered.find((name) => name !== own);
      if (substitute === undefined) return skipTool();
      return plan('wrong-tool', replaceTarget({ name: substitute, arguments: JSON.stringify(calls[target]!.arguments) }));
    }
    case 'bad-format':
      if (example.answer !== undefined) return plan('bad-format', calls.map(json), badFormat(example.answer, example.answerKind));
      return plan('bad-format', replaceTarget({ name: calls[target]!.name, arguments: malformedArguments(calls[target]!.arguments) }), phrases.done);
    case 'premature-stop': {
      const stopAt = byTool >= 0 ? byTool : Math.floor(calls.length / 2);
      return plan('premature-stop', calls.slice(0, stopAt).map(json), phrases.nextStep(calls[stopAt]!.name));
    }
    case 'hallucinate':
      return hasAnswer ? plan('hallucinate', calls.map(json)) : badArgs();
    case 'ignore-instruction':
      return hasAnswer ? plan('ignore-instruction', calls.map(json), ownWayAnswer(failAnswer, example.answerKind)) : badArgs();
    case 'loop':
      return plan('loop', calls.slice(0, target).map(json), failAnswer, json(calls[target]!));
    case 'refuse':
      return plan('refuse', [], phrases.refusal);
  }
}
