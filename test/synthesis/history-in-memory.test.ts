import { describe, expect, it } from 'vitest';
import type { BlueprintFile } from '../../src/agent/index.js';
import type { FlipEntry, GateReason } from '../../src/gate/index.js';
import { refusedFromGate } from '../../src/release/index.js';
import { candidateTree, synthesizeCandidate, type RefusedCandidate } from '../../src/synthesis/index.js';
import { agentLayer, simServer } from '../llm/helpers.js';
import { weatherSuite, world } from '../llm/world-fixtures.js';
import { WEATHER_PROMPT, weatherBlueprint } from './fixtures.js';

/**
 * The study's path, all in memory (no git, no store): a candidate the gate refused becomes
 * history data with refusedFromGate, and the next synthesizeCandidate shows it to the
 * simulated engineer over HTTP and refuses a repeat of it.
 */
const BASE = WEATHER_PROMPT;
const LOOKUP = 'Call lookup_city before get_weather.';
const BROAD = 'Always call lookup_city first, for every request.';
const SPEC = 'Target: missing-required-step\nTriggering tool: lookup_city\n\nExamples expected to flip: paris, oslo-celsius.\n';
const limits = { maxAttempts: 3, maxPatchBytes: 65536 };


const side = (pass: number, fail: number) => ({ pass, fail, error: 0, passRate: pass / (pass + fail) });
const brokeById: FlipEntry = { key: 'weather/by-id', suite: 'weather', exampleId: 'by-id', split: 'dev', tags: ['no-lookup'], direction: 'p2f', status: 'confirmed', baseline: side(4, 0), candidate: side(0, 4), mustPass: false, baselineSymptoms: [] };
const maxP2F: GateReason = { rule: 'max-p2f', passed: false, effect: 'reject', threshold: 0, observed: 1, examples: ['weather/by-id'], exampleCount: 1, message: '1 confirmed P→F; at most 0 allowed' };

describe('refused candidates held in memory (the study)', () => {
  it('shows a refused broad rule to the engineer, who then writes the precise rule; a repeat is refused as a duplicate', async () => {
    const w = world({ broadRate: 1, malformedRate: 0 });
    const server = await simServer({ responder: w });
    const { layer } = await agentLayer(server.url, {}, { cache: false });
    const client = layer.client('engineer');
    const bp = weatherBlueprint();
    const systemOf = (files: readonly BlueprintFile[]) => files.find((f) => f.path === 'prompts/system.md')!.content.toString('utf8');

    // Iteration 1: the broad rule; it breaks by-id, and the gate refuses it.
    const first = await synthesizeCandidate({ blueprint: bp, spec: SPEC, exemplars: [], client, limits, sampleIndex: 1 });
    if (!first.ok) throw new Error(JSON.stringify(first.attempts));
    const firstPrompt = systemOf(candidateTree(bp.files, first.files));
    expect(firstPrompt).toContain(BROAD);
    expect(w.truth('weather', 'by-id', firstPrompt).passProbability).toBe(0);
    const examples = new Map(weatherSuite.examples.map((e) => [`weather/${e.id}`, e]));
    const refused: RefusedCandidate[] = [
      refusedFromGate({
        iteration: 1,
        gate: { decision: 'reject', reasons: [maxP2F], flips: [brokeById] },
        candidateHash: first.candidateHash,
        intent: first.intent,
        change: { patch: first.patch },
        example: (key) => examples.get(key),
        output: (s) => (s === 'baseline' ? { answer: 'Cloudy', toolCalls: [] } : { answer: 'Done.', toolCalls: [] }),
      })!,
    ];

    // Iteration 2: the request carries iteration 1's refusal; the engineer writes the precise rule, which breaks nothing.
    const second = await synthesizeCandidate({ blueprint: bp, spec: SPEC, exemplars: [], client, limits, sampleIndex: 2, refused });
    if (!second.ok) throw new Error(JSON.stringify(second.attempts));
    expect(second.attempts).toHaveLength(1);
    const secondPrompt = systemOf(candidateTree(bp.files, second.files));
    expect(secondPrompt).toBe(`${BASE}${LOOKUP}\n`);
    expect(w.truth('weather', 'paris', secondPrompt).passProbability).toBe(1);
    expect(w.truth('weather', 'by-id', secondPrompt).passProbability).toBe(1);

    // Asked exactly as in iteration 1 (same sample index, no history shown), the engineer repeats itself:
    // the repeat is refused as a duplicate, and the retry, which names it, gets the precise rule.
    const again = await synthesizeCandidate({ blueprint: bp, spec: SPEC, exemplars: [], client, limits: { ...limits, historyTokens: 0 }, sampleIndex: 1, refused });
    if (!again.ok) throw new Error(JSON.stringify(again.attempts));
    expect(again.attempts.map((a) => [a.reason, a.duplicateOf])).toEqual([
      ['duplicate', 1],
      [undefined, undefined],
    ]);
    expect(again.candidateHash).toBe(second.candidateHash);
  });

  it('the history names the examples the refused candidate broke, with the task and both answers', () => {
    const refused = refusedFromGate({
      iteration: 1,
      gate: { decision: 'reject', reasons: [maxP2F], flips: [brokeById] },
      candidateHash: null,
      intent: null,
      change: null,
      example: (key) => weatherSuite.examples.find((e) => `weather/${e.id}` === key),
      output: (s) => (s === 'baseline' ? { answer: 'Cloudy', toolCalls: [] } : { answer: 'Done.', toolCalls: [{ name: 'lookup_city', arguments: {} }] }),
    })!;
    expect(refused.regressions).toEqual([
      { key: 'weather/by-id', task: 'Weather for city id 12, please.', expected: null, baseline: 'Cloudy', candidate: 'Done. (tool calls: [{"name":"lookup_city","arguments":{}}])' },
    ]);
  });
});
