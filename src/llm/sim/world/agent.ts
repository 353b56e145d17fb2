import type { SimChatRequest, SimReply } from '../types.js';
import type { CatalogueExample } from './catalogue.js';
import type { ExampleLocator } from './locate.js';
import { planEpisode, stepAt, type EpisodePlan } from './plan.js';
import { phrases } from './phrases.js';
import type { PromptReader } from './prompt.js';
import { assistantTurnsAfter, systemText, userTexts } from './text.js';
import type { ExampleTruth, TruthModel } from './truth.js';

/** One sampled episode of an example under a prompt: its truth, whether this sample passes, and what the agent will do. */
export interface Episode {
  truth: ExampleTruth;
  passed: boolean;
  plan: EpisodePlan;
}

/**
 * The simulated agent. It is stateless: every turn it finds the example from the user
 * messages (the first that names a task), reads the prompt from the system messages, recomputes the episode's plan for the
 * request's seed and returns the step the conversation has reached.
 */
export class SimAgent {
  constructor(
    private readonly locator: ExampleLocator,
    private readonly prompts: PromptReader,
    private readonly truths: TruthModel,
  ) {}

  respond(request: SimChatRequest): SimReply {
    const found = this.locator.locate(userTexts(request.messages));
    if (!found) return { content: phrases.unknownTask, toolCalls: [], finishReason: 'stop' };
    const { plan } = this.episode(found.example, systemText(request.messages), offeredTools(request), request.seed ?? 0);
    const step = stepAt(plan, assistantTurnsAfter(request.messages, found.at));
    if (step.kind === 'call') return { content: null, toolCalls: [step.call], finishReason: 'tool_calls' };
    return { content: step.content, toolCalls: [], finishReason: step.finishReason };
  }

  episode(example: CatalogueExample, systemPrompt: string, offered: readonly string[], seed: number): Episode {
    const prompt = this.prompts.read(systemPrompt);
    const truth = this.truths.truth(example, prompt);
    const passed = this.truths.samplePasses(example, prompt, truth, seed);
    const failure = passed ? undefined : { mode: truth.failureMode, tool: truth.failureTool, offered };
    return { truth, passed, plan: planEpisode(example, offered, failure) };
  }
}

/** The tools the agent may call in this request: none when tool_choice is "none". */
export function offeredTools(request: SimChatRequest): string[] {
  if (request.tool_choice === 'none' || !request.tools) return [];
  return request.tools.map((tool) => tool.function.name);
}
