import type { ToolDefinition } from '../../config/index.js';
import { quote } from '../field.js';
import type { GivenCall } from './calls.js';
import type { ExpectedCall } from './expected.js';
import { matchesAny, type CompareOptions } from './values.js';

/**
 * Names match exactly, or where the expected name has dots and the call has underscores in
 * their place: OpenAI and some servers forbid "." in function names, so `math.factorial` is
 * offered and called as `math_factorial`.
 */
export function sameName(given: string, expected: string): boolean {
  return given === expected || (expected.includes('.') && given === expected.replace(/\./g, '_'));
}

/**
 * Why a call does not satisfy an expected call (empty: it does). The checks, in order: name,
 * arguments an object, required parameters of the definition present, no parameter the
 * expected call does not name, each value acceptable, every non-optional expected parameter given.
 */
export function callProblems(given: GivenCall, expected: ExpectedCall, definition: ToolDefinition | undefined, options: CompareOptions): string[] {
  if (!sameName(given.name, expected.name)) return [`wrong function: called ${given.name}, expected ${expected.name}`];
  const args = given.arguments;
  if (args === null || typeof args !== 'object' || Array.isArray(args)) return [`arguments are not a JSON object: ${quote(args)}`];
  const record = args as Record<string, unknown>;
  const problems: string[] = [];
  const required = Array.isArray(definition?.parameters.required) ? (definition.parameters.required as unknown[]).filter((r): r is string => typeof r === 'string') : [];
  for (const param of required) if (!Object.hasOwn(record, param)) problems.push(`missing required parameter ${param}`);
  for (const [param, value] of Object.entries(record)) {
    const acceptable = expected.params[param];
    if (!acceptable) problems.push(`unexpected parameter ${param}=${quote(value, 80)}`);
    else if (!matchesAny(value, acceptable, options)) problems.push(`parameter ${param}: ${quote(value, 120)} is not one of ${quote(acceptable.filter((v) => v !== ''), 160)}`);
  }
  for (const [param, acceptable] of Object.entries(expected.params)) {
    if (!Object.hasOwn(record, param) && !acceptable.includes('') && !required.includes(param)) problems.push(`missing parameter ${param} (expected ${quote(acceptable, 120)})`);
  }
  return problems;
}
