import { isAgentdevelError } from '../core/errors.js';
import { faultWhileRetrying, isOverContext } from '../llm/model-error.js';
import type { EpisodeOutcome } from './types.js';
import type { EpisodeClock } from './episode-clock.js';

/**
 * What a thrown error means for the episode. The deadline passing is the agent's failure, unless
 * its time went to retrying a failing model endpoint (then it is the endpoint's code); the
 * run being interrupted, a coded error (the model endpoint unreachable after retries, a bad
 * reply, a bad suite) or anything unexpected in agentdevel's own code is not.
 */
export function outcomeOfError(error: unknown, clock: EpisodeClock): EpisodeOutcome {
  if (clock.interrupted) return { status: 'error', code: 'EINTERRUPTED', reason: 'interrupted before the episode finished' };
  if (clock.timedOut) {
    const fault = faultWhileRetrying(error);
    if (fault) return { status: 'error', code: fault.code, reason: `the episode's ${clock.timeoutMs} ms ran out while retrying the model endpoint: ${fault.message}` };
    return { status: 'fail', reason: `timeout (${clock.timeoutMs} ms)` };
  }
  // A prompt over the server's context window: the record says so, and how to fix it.
  if (isAgentdevelError(error)) return { status: 'error', code: error.code, reason: isOverContext(error) ? `${error.message}. ${error.details}` : error.message };
  return { status: 'error', code: 'EINTERNAL', reason: `harness fault: ${describeUnexpected(error)}` };
}

function describeUnexpected(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
