import type { Intent } from './types.js';

/** The RC commit's message: what and why in the subject and body, the facts as trailers. */
export function commitMessage(input: { agent: string; n: number; intent: Intent; simulated: boolean; base: string; attempts: number }): string {
  const { agent, n, intent } = input;
  const subject = `${agent} rc-${n}: ${oneLine(intent.summary, 60)}`;
  const body = [
    oneLine(intent.summary, 2000),
    '',
    `Targets: ${intent.targets.join(', ')}`,
    `Expected fixes: ${intent.expectedFixes.length > 0 ? intent.expectedFixes.join(', ') : '(none named)'}`,
    ...(input.simulated ? ['', 'The engineer was the simulated world (agentdevel serve --sim), not a real model.'] : []),
  ];
  const trailers = [
    `Agentdevel-Agent: ${agent}`,
    `Agentdevel-Iteration: ${n}`,
    `Agentdevel-Base: ${input.base}`,
    `Agentdevel-Targets: ${intent.targets.join(', ')}`,
    `Agentdevel-Attempts: ${input.attempts}`,
    `Agentdevel-Simulated: ${input.simulated}`,
  ];
  return `${subject}\n\n${body.join('\n')}\n\n${trailers.join('\n')}\n`;
}

/** The text on one line (whitespace runs collapsed), cut to `max` characters with an ellipsis. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
