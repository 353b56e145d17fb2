import type { ReasonInput } from './input.js';

const show = (v: ReasonInput['threshold']) => (v === null ? 'n/a' : String(v));

/**
 * One human-readable line for a reason: the rule's name, then the gate's own sentence (which
 * states what was measured against what), or the measured and threshold values when it has none.
 */
export function reasonText(reason: ReasonInput): string {
  const said = reason.message.trim() || `observed ${show(reason.observed)}, threshold ${show(reason.threshold)}`;
  return `${reason.rule}: ${said}`;
}
