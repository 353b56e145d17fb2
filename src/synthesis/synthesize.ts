import type { Blueprint } from '../agent/index.js';
import { DEFAULT_HISTORY_TOKENS } from '../config/index.js';
import { isAgentdevelError } from '../core/errors.js';
import { silentLogger, type Logger } from '../core/log.js';
import type { ModelClient } from '../llm/index.js';
import { duplicateFinder } from './duplicates.js';
import { editableFiles } from './editable.js';
import { engineerMessages, retryMessages } from './engineer-request.js';
import { readEngineerReply, releaseCandidateFormat } from './reply.js';
import { renderRefusalHistory, type RefusedCandidate } from './refusal-history.js';
import type { Exemplar, SynthesisAttempt, SynthesisLimits, SynthesisResult } from './types.js';
import { validatePatch, type PatchTarget } from './validate-patch.js';

export interface SynthesisInput {
  blueprint: Blueprint;
  spec: string;
  exemplars: readonly Exemplar[];
  /** The engineer role's client. */
  client: ModelClient;
  limits: SynthesisLimits;
  /** Paths of the blueprint that are symlinks (a blueprint read from git knows them). */
  symlinks?: ReadonlySet<string>;
  /**
   * The line's refused candidates (rejected or inconclusive at the gate, and duplicate
   * iterations): shown to the engineer within limits.historyTokens, and no candidate identical
   * to one of them (same candidateHash) is accepted.
   */
  refused?: readonly RefusedCandidate[];
  /** Sent as the seed; the release loop gives each iteration its own (default 0). */
  sampleIndex?: number;
  signal?: AbortSignal;
  logger?: Logger;
}

/**
 * Asks the engineer for exactly one change and validates it in memory; a refused patch (or one
 * identical to a refused candidate of the line) goes back with its exact error until the
 * attempts run out. No git, no files: the release loop and the study call it as it is.
 * Model-layer failures (server unreachable) are thrown, not counted as attempts: they say
 * nothing of the engineer's patch.
 */
export async function synthesizeCandidate(input: SynthesisInput): Promise<SynthesisResult> {
  const { blueprint, client, limits } = input;
  const logger = input.logger ?? silentLogger;
  const editable = editableFiles(blueprint);
  const refused = input.refused ?? [];
  const history = renderRefusalHistory(refused, limits.historyTokens ?? DEFAULT_HISTORY_TOKENS);
  if (refused.length > 0) logger.debug(`synthesis: the request shows ${history.shown} of ${refused.length} refused candidates (${history.omitted} left out for synthesis.historyTokens)`);
  const findDuplicate = duplicateFinder(refused);
  const messages = engineerMessages({ blueprint, editable, spec: input.spec, exemplars: input.exemplars, history: history.text });
  const target = { agentName: blueprint.name, files: blueprint.files, editable: blueprint.config.editable, symlinks: input.symlinks, maxPatchBytes: limits.maxPatchBytes };
  const attempts: SynthesisAttempt[] = [];

  for (let n = 1; n <= limits.maxAttempts; n += 1) {
    const result = await client.chat({ messages, responseFormat: releaseCandidateFormat }, { sampleIndex: attemptSampleIndex(input.sampleIndex ?? 0, n), signal: input.signal }).catch(oversizeReply);
    if ('oversize' in result) {
      attempts.push({ attempt: n, ok: false, reason: 'oversize', message: result.oversize, cached: false, promptTokens: 0, completionTokens: 0 });
      logger.info(`synthesis: attempt ${n} of ${limits.maxAttempts} refused: EPATCH oversize: ${result.oversize}`);
      messages.push(...retryMessages('(not shown: too large)', 'oversize', result.oversize, limits.maxAttempts - n));
      continue;
    }
    const usage = { cached: result.cached, promptTokens: result.usage.promptTokens, completionTokens: result.usage.completionTokens };
    const reply = readEngineerReply(result.content, result.finishReason);
    if (!reply.ok) {
      attempts.push({ attempt: n, ok: false, reason: 'invalid-reply', message: reply.message, ...usage });
    } else {
      const { patch, intent } = reply.reply;
      const verdict = validateSafely(patch, target);
      const kept = { patch: cut(patch, limits.maxPatchBytes), patchBytes: Buffer.byteLength(patch, 'utf8'), intent };
      const duplicate = verdict.ok ? findDuplicate(verdict.candidateHash) : undefined;
      if (verdict.ok && !duplicate) {
        attempts.push({ attempt: n, ok: true, ...kept, ...usage });
        logger.debug(`synthesis: attempt ${n} accepted (${verdict.files.map((f) => f.path).join(', ')})`);
        return { ok: true, patch, intent, files: verdict.files, candidateHash: verdict.candidateHash, attempts };
      }
      if (verdict.ok && duplicate) {
        attempts.push({ attempt: n, ok: false, reason: 'duplicate', message: duplicate.message, ...kept, candidateHash: verdict.candidateHash, duplicateOf: duplicate.iteration, ...usage });
      } else if (!verdict.ok) {
        attempts.push({ attempt: n, ok: false, reason: verdict.reason, message: verdict.message, ...kept, ...usage });
      }
    }
    const last = attempts[attempts.length - 1] as SynthesisAttempt & { reason: NonNullable<SynthesisAttempt['reason']>; message: string };
    const left = limits.maxAttempts - n;
    // Models get a diff wrong now and then; a refused attempt retried with its reason is the expected path, not a failure.
    const then = left > 0 ? 'asking the engineer again with the reason (normal: models sometimes get a diff wrong)' : 'no attempt left: this iteration has no candidate';
    logger.info(`synthesis: the engineer's change (attempt ${n} of ${limits.maxAttempts}) was refused, EPATCH ${last.reason}: ${last.message}; ${then}`);
    messages.push(...retryMessages(result.content, last.reason, last.message, left));
  }
  const duplicateOf = [...new Set(attempts.flatMap((a) => (a.duplicateOf === undefined ? [] : [a.duplicateOf])))].sort((a, b) => a - b);
  return { ok: false, attempts, duplicateOf };
}

/**
 * Each attempt draws its own reply: a retry never replays a refused reply from the cache, even
 * when its request reads the same (a server that ignores the conversation, a rerun). Attempt 1
 * keeps the base index, so the first draw of an iteration is what it always was.
 */
export function attemptSampleIndex(base: number, attempt: number): number {
  return base + (attempt - 1) * 2 ** 32;
}

/** Whatever the engineer wrote, its attempt ends with a reason: a check that throws refuses the patch as malformed instead of stopping the release. */
function validateSafely(patch: string, target: PatchTarget): ReturnType<typeof validatePatch> {
  try {
    return validatePatch(patch, target);
  } catch (error) {
    return { ok: false, reason: 'malformed', message: `the patch could not be checked: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** A reply past the engineer endpoint's maxReplyBytes is the engineer's oversize patch, not a fault of the server. */
function oversizeReply(error: unknown): { oversize: string } {
  if (isAgentdevelError(error) && error.code === 'EMODEL_REPLY' && error.data?.kind === 'oversize') return { oversize: `${error.message}: make one smaller change` };
  throw error;
}

function cut(patch: string, maxBytes: number): string {
  const buffer = Buffer.from(patch, 'utf8');
  return buffer.length <= maxBytes ? patch : buffer.subarray(0, maxBytes).toString('utf8');
}
