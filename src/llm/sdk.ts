import OpenAI from 'openai';
import type { DirectFetch } from './sim/direct.js';

const silent = { error() {}, warn() {}, info() {}, debug() {} };

/**
 * An `openai` SDK client for one base URL. We own retries and timeouts, so the SDK's are off;
 * its logger is silenced (it would print raw chunks past our secret mask); organisation and
 * project are pinned so nothing is picked up from OPENAI_* variables. `fetch` replaces the
 * transport (the simulated world's direct transport); by default the SDK's own.
 */
export function createSdkClient(baseURL: string, apiKey: string, timeoutMs: number, fetch?: DirectFetch): OpenAI {
  return new OpenAI({
    ...(fetch ? { fetch } : {}),
    baseURL,
    apiKey,
    organization: null,
    project: null,
    maxRetries: 0,
    timeout: timeoutMs,
    logLevel: 'off',
    logger: silent,
  });
}
