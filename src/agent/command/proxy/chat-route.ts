import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAgentdevelError } from '../../../core/errors.js';
import { faultWhileRetrying } from '../../../llm/model-error.js';
import type { ModelClient } from '../../../llm/types.js';
import { completionBody, toChatRequest, writeStream } from './chat-wire.js';
import type { ProxyEpisode } from './episode.js';
import { HttpProblem, readJson, sendJson } from './http.js';

/**
 * `POST …/ep/<token>/v1/chat/completions`: forwards through the agent role's client (cache,
 * limiter, retries and usage apply) with the episode's sample index, and records the call and
 * its tool calls in the episode's trace.
 */
export async function handleChat(req: IncomingMessage, res: ServerResponse, episode: ProxyEpisode, client: ModelClient): Promise<void> {
  const { request, stream, includeUsage } = toChatRequest(await readJson(req), episode.sampling);
  // A program that hangs up, or an episode that ends, abandons the call.
  const hangUp = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) hangUp.abort();
  });
  const signal = AbortSignal.any([episode.signal, hangUp.signal]);
  let result;
  try {
    result = await client.chat(request, { sampleIndex: episode.sampleIndex, signal });
  } catch (error) {
    const retrying = faultWhileRetrying(error);
    if (retrying && episode.signal.aborted) {
      // The episode's time went to an endpoint that kept failing: its fault, not the program's.
      episode.trace.error(`model call failed: ${retrying.message}`, retrying.code);
      episode.fault ??= retrying;
    }
    if (signal.aborted) throw new HttpProblem(503, 'the episode ended before the model replied', 'server_error', 'episode_ended');
    if (isAgentdevelError(error)) {
      episode.trace.error(`model call failed: ${error.message}`, error.code);
      // A request the server refused as invalid is the program's doing; anything else is not.
      if (error.code === 'EMODEL_REQUEST') throw new HttpProblem(400, error.message, 'invalid_request_error', error.code);
      episode.fault ??= { code: error.code, message: error.message };
      throw new HttpProblem(502, error.message, 'server_error', error.code);
    }
    throw error;
  }
  episode.trace.llmCall(request, result);
  if (stream) writeStream(res, result, includeUsage);
  else sendJson(res, 200, completionBody(result));
}

/** `GET …/v1/models`: the agent role's model, so SDKs that list models first find one. */
export function handleModels(res: ServerResponse, client: ModelClient, id?: string): void {
  const model = { id: client.model, object: 'model', created: 0, owned_by: 'agentdevel' };
  if (id === undefined) sendJson(res, 200, { object: 'list', data: [model] });
  else if (id === client.model) sendJson(res, 200, model);
  else throw new HttpProblem(404, `model "${id}" not found; this endpoint serves "${client.model}"`, 'invalid_request_error', 'model_not_found');
}
