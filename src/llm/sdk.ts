import OpenAI from 'openai';

const silent = { error() {}, warn() {}, info() {}, debug() {} };

/**
 * An `openai` SDK client for one base URL. We own retries and timeouts, so the SDK's are off;
 * its logger is silenced (it would print raw chunks past our secret mask); organisation and
 * project are pinned so nothing is picked up from OPENAI_* variables.
 */
export function createSdkClient(baseURL: string, apiKey: string, timeoutMs: number): OpenAI {
  return new OpenAI({
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
