import { z } from 'zod';
import { referenceCall as reference } from '../../suite/import/bfcl-reference.js';

/** One expected call: the function and, per parameter, the list of acceptable values. */
export interface ExpectedCall {
  name: string;
  params: Record<string, unknown[]>;
}

/**
 * The expected calls in BFCL's ground-truth form: a list of `{ function: { param: [acceptable
 * values] } }`, one key per entry; [] means "no call is expected".
 */
const expectedSchema = z.array(
  z.record(z.string(), z.record(z.string(), z.array(z.unknown()))).refine((entry) => Object.keys(entry).length === 1, 'each entry names exactly one function'),
);

export function parseExpectedCalls(value: unknown): ExpectedCall[] | string {
  const result = expectedSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const at = issue?.path.length ? ` at [${issue.path.join('][')}]` : '';
    return `expected calls must be a list of { function: { parameter: [acceptable values] } }${at}: ${issue?.message ?? 'invalid'}`;
  }
  return result.data.map((entry) => {
    const [name, params] = Object.entries(entry)[0]!;
    return { name, params };
  });
}

/** The call a correct agent makes: the first acceptable value of each parameter, optional ones ("" first) left out. */
export function referenceCall(call: ExpectedCall): { name: string; arguments: Record<string, unknown> } {
  return reference(call.name, call.params);
}

/** Describes an expected call for feedback: `lookup_order(order_id ∈ ["KL-10234"])`. */
export function describeExpected(call: ExpectedCall): string {
  const params = Object.entries(call.params).map(([param, acceptable]) => {
    const values = acceptable.filter((v) => v !== '');
    const optional = acceptable.includes('') ? ' (optional)' : '';
    return values.length === 1 ? `${param}=${JSON.stringify(values[0])}${optional}` : `${param} ∈ ${JSON.stringify(values)}${optional}`;
  });
  return `${call.name}(${params.join(', ')})`;
}
