import { draw } from './draw.js';
import { feedbackFinding } from './critic-feedback.js';
import { surfaceFinding, type Finding } from './critic-signs.js';
import { readCriticView } from './critic-view.js';
import type { RoleFactory } from './roles.js';

/** The label the critic gives each way the simulated agent fails: the natural reading of what it shows. */
export const modeLabels = {
  'skip-tool': 'missing-required-step',
  'wrong-order': 'wrong-action-order',
  'bad-args': 'invalid-tool-arguments',
  'wrong-tool': 'wrong-tool',
  'bad-format': 'incorrect-output-format',
  'premature-stop': 'premature-termination',
  hallucinate: 'hallucinated-fact',
  'ignore-instruction': 'ignored-instruction',
  loop: 'looping',
  refuse: 'refusal',
} as const;

const LABELS: readonly string[] = Object.values(modeLabels);

/** Names outside the taxonomy the critic sometimes gives instead, as a real critic coins its own. */
export const coinedLabels: Readonly<Record<string, string>> = {
  'missing-required-step': 'skipped-verification-step',
  'wrong-action-order': 'steps-out-of-sequence',
  'invalid-tool-arguments': 'argument-mismatch',
  'wrong-tool': 'unneeded-tool-call',
  'incorrect-output-format': 'chatty-wrapper',
  'premature-termination': 'unfinished-answer',
  'hallucinated-fact': 'unsupported-claim',
  'ignored-instruction': 'instruction-drift',
  looping: 'repeated-action',
  refusal: 'over-cautious-refusal',
};

/** Share of symptoms named outside the taxonomy (fixed and small: new classes exist, but rarely). */
export const PROPOSE_RATE = 0.02;

/**
 * The simulated critic. It reads the blind view in the request and labels what the view
 * shows: the agent's telltale sentences and shapes first, then what the scorer's feedback
 * says of the calls, and for a failure with neither, a wrong fact. With probability
 * `mislabelRate` it gives another label instead, and with PROPOSE_RATE a name of its own,
 * both drawn from the world seed, the request's text and its seed (so a retry, which sends
 * another seed, is a fresh sample). A request without a readable view gets no content, and
 * the server answers with an instance of the schema.
 */
export const simCritic: RoleFactory = (core) => (request) => {
  const view = readCriticView(request);
  if (!view) return { content: null, toolCalls: [], finishReason: 'stop' };
  const found = surfaceFinding(view) ?? feedbackFinding(view);
  const seed = request.seed ?? 0;
  const symptoms = found ? [mistaken(found, core.params.seed, core.params.mislabelRate, view.text, seed)] : [];
  const failed = view.outcome ? view.outcome.status === 'fail' : symptoms.length > 0;
  const verdict = failed ? 'fail' : symptoms.length > 0 ? 'fragile-pass' : 'pass';
  return { content: JSON.stringify({ verdict, symptoms }), toolCalls: [], finishReason: 'stop' };
};

function mistaken(finding: Finding, worldSeed: number, mislabelRate: number, text: string, seed: number): Finding {
  if (draw(worldSeed, 'critic-propose', text, seed) < PROPOSE_RATE) return { ...finding, label: coinedLabels[finding.label] ?? `${finding.label}-variant` };
  const u = draw(worldSeed, 'critic-mislabel', text, seed);
  if (u >= mislabelRate) return finding;
  // Given a mislabel, u / mislabelRate is again uniform: it picks one of the other labels.
  const others = LABELS.filter((label) => label !== finding.label);
  return { ...finding, label: others[Math.floor((u / mislabelRate) * others.length)] ?? others[0]! };
}
