import type { ChatMessage, ChatRequest, JsonSchemaFormat } from '../llm/types.js';
import type { BlindView } from './blind-view.js';
import type { Taxonomy } from './taxonomy.js';

/** The name of the response format; the simulated world routes requests to its critic by it. */
export const CRITIQUE_SCHEMA_NAME = 'critique';

export const critiqueVerdicts = ['pass', 'fragile-pass', 'fail'] as const;

/**
 * The reply asked for. Labels are free strings, not an enum: a grammar-constrained server
 * would otherwise make new symptom classes impossible to name, and they are to surface as
 * `other` instead of vanishing.
 */
export const critiqueFormat: JsonSchemaFormat = {
  type: 'json_schema',
  json_schema: {
    name: CRITIQUE_SCHEMA_NAME,
    strict: true,
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['verdict', 'symptoms'],
      properties: {
        verdict: { type: 'string', enum: [...critiqueVerdicts] },
        symptoms: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['label', 'description', 'evidence', 'step'],
            properties: {
              label: { type: 'string' },
              description: { type: 'string' },
              evidence: { type: 'string' },
              step: { type: ['integer', 'null'] },
            },
          },
        },
      },
    },
  },
};

export function critiqueRequest(view: BlindView, taxonomy: Taxonomy): ChatRequest {
  return { messages: critiqueMessages(view, taxonomy), responseFormat: critiqueFormat };
}

export function critiqueMessages(view: BlindView, taxonomy: Taxonomy): ChatMessage[] {
  return [
    { role: 'system', content: systemText(taxonomy, view.outcome === undefined) },
    { role: 'user', content: JSON.stringify(view) },
  ];
}

function systemText(taxonomy: Taxonomy, scoring: boolean): string {
  const labels = taxonomy.labels.map((entry) => `- ${entry.label}: ${entry.description}`).join('\n');
  const verdicts = scoring
    ? 'Judge the episode against the task and the rubric: verdict "pass" when the output does what the task asks, "fail" when it does not.'
    : 'The scorer\'s judgement is in "outcome". Verdict "fail" for a failed episode (or a pass you find wrong), "fragile-pass" for a pass that shows a symptom which could easily have made it fail, "pass" for a clean pass.';
  return [
    'You review one episode of an AI agent working on a task. The user message is a JSON view of it: the task, the rubric, the final output, and the trace of what the agent visibly did (its messages, tool calls with their arguments, tool observations and errors), with each entry numbered by step.',
    verdicts,
    'List the symptoms you see, each with the label from this taxonomy that fits best:',
    labels,
    'If no label fits, write your own short kebab-case label for it.',
    'For every symptom give a one-line description, the step it shows at (null if it shows at none), and evidence: a short passage quoted word for word from the trace, the output or the scorer feedback. Never paraphrase the evidence and never cite anything the view does not contain.',
    'A clean pass has no symptoms. Reply with JSON only.',
  ].join('\n\n');
}
