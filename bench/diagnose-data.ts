/**
 * Generated records and critiques for bench:diagnose, of realistic sizes: one to three tool
 * steps per episode (model call, tool call, observation of a few hundred characters), a final
 * answer, scorer feedback in the tool-calls + regex style: about 3.4 kB of JSON a record (the
 * shipped support-desk suite's run on the simulated world: 1.9 kB on average, up to 3.4 kB).
 * A fifth of the examples are holdout; some are flaky; a few records are infrastructure
 * errors. Critiques of every dev fail and a tenth of the dev passes, with one or two symptoms
 * each, some unlabelled, some `other`. Deterministic: example i, repeat r is always the same
 * record.
 */
import type { CritiqueRecord, Symptom } from '../src/core/critique.js';
import type { RunRecord, TraceEvent } from '../src/core/records.js';

export const RUN_ID = 'bench0diagnose01';
const SUITES = ['support-desk', 'travel-desk', 'billing'];
const TAGS = ['order-status', 'refund', 'shipping', 'policy', 'damage', 'id-format', 'estimate', 'promise', 'explain', 'complaint', 'chat', 'date'];
const TOOLS = ['lookup_order', 'check_refund_eligibility', 'get_shipping_estimate', 'search_policy', 'escalate_to_human', 'get_invoice'];
const LABELS = [
  'missing-required-step',
  'missing-required-step',
  'missing-required-step',
  'hallucinated-fact',
  'hallucinated-fact',
  'wrong-tool',
  'invalid-tool-arguments',
  'incorrect-output-format',
  'premature-termination',
  'ignored-instruction',
  'wrong-action-order',
  'looping',
  'refusal',
];
const PROPOSALS = ['Rude tone', 'rude-tone', 'Unasked upsell', 'leaks internal notes', 'Wrong currency', 'slow reply'];
const WORDS = ['tea', 'order', 'parcel', 'refund', 'window', 'courier', 'tracking', 'delivery', 'policy', 'opened', 'express', 'standard', 'tin', 'sencha', 'assam', 'damaged', 'ticket', 'colleague', 'tomorrow', 'weekday'];

function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** A uniform number in [0, 1) from integers. */
function unit(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) h = mix(h ^ mix(p + 0x7f4a7c15));
  return h / 4294967296;
}

function words(seed: number, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(WORDS[mix(seed + i * 7919) % WORDS.length]!);
  return out.join(' ');
}

interface ExampleShape {
  suite: string;
  exampleId: string;
  split: 'dev' | 'holdout';
  tags: string[];
  tools: string[];
  passProbability: number;
  label: string;
  orderId: string;
}

export function exampleShape(i: number): ExampleShape {
  const kind = unit(i, 1);
  const tags = TAGS.filter((_, t) => unit(i, 10 + t) < 0.18);
  if (tags.length === 0) tags.push(TAGS[i % TAGS.length]!);
  const steps = 1 + (mix(i) % 3);
  return {
    suite: SUITES[i % SUITES.length]!,
    exampleId: `ex-${i.toString(36).padStart(4, '0')}-${TAGS[i % TAGS.length]}`,
    split: unit(i, 2) < 0.2 ? 'holdout' : 'dev',
    tags,
    tools: Array.from({ length: steps }, (_, s) => TOOLS[mix(i * 31 + s) % TOOLS.length]!),
    passProbability: kind < 0.45 ? 1 : kind < 0.75 ? 0 : 0.5,
    label: LABELS[mix(i * 13) % LABELS.length]!,
    orderId: `KL-${10_000 + (i % 90_000)}`,
  };
}

export function statusOf(i: number, repeat: number, shape = exampleShape(i)): RunRecord['status'] {
  if (unit(i, repeat, 3) < 0.005) return 'error';
  return unit(i, repeat, 4) < shape.passProbability ? 'pass' : 'fail';
}

export function generateRecord(i: number, repeat: number, shape = exampleShape(i)): RunRecord {
  const status = statusOf(i, repeat, shape);
  const trace: TraceEvent[] = [];
  const seed = i * 7 + repeat;
  shape.tools.forEach((tool, s) => {
    const step = s + 1;
    const id = `call_${(mix(seed * 101 + s) >>> 0).toString(16)}${i.toString(16)}`;
    const args = tool === 'search_policy' ? { topic: 'returns' } : { order_id: shape.orderId };
    trace.push({
      type: 'llm_call',
      step,
      request: { messages: 2 + 2 * s, lastRole: s === 0 ? 'user' : 'tool', tools: 6 },
      response: { content: null, toolCalls: [{ id, name: tool, arguments: args }], finishReason: 'tool_calls' },
      usage: { promptTokens: 600 + 70 * s, completionTokens: 9 },
      cached: false,
      latencyMs: 180 + (seed % 200),
    });
    trace.push({ type: 'tool_call', step, id, name: tool, arguments: args });
    const content = JSON.stringify({
      order_id: shape.orderId,
      status: 'delivered',
      placed_on: '2025-05-14',
      shipped_on: '2025-05-16',
      carrier: 'Royal Mail',
      tracking: `RM${mix(seed) % 1_000_000}GB`,
      note: words(seed + s, 4 + (seed % 12)),
      items: [{ name: 'Sencha 100g', price: 12.5, opened: false }],
    });
    trace.push({ type: 'observation', step, toolCallId: id, name: tool, content });
  });
  const last = shape.tools.length + 1;
  const answer = `Your order ${shape.orderId} ${words(seed * 3, 10 + (seed % 20))}.`;
  trace.push({
    type: 'llm_call',
    step: last,
    request: { messages: 2 + 2 * shape.tools.length, lastRole: 'tool', tools: 6 },
    response: { content: answer, toolCalls: [], finishReason: 'stop' },
    usage: { promptTokens: 900, completionTokens: 40 },
    cached: false,
    latencyMs: 240,
  });
  const output = { answer, toolCalls: shape.tools.map((name) => ({ name, arguments: { order_id: shape.orderId } })) };
  trace.push({ type: 'final', step: last, output });
  const expected = shape.tools.map((t) => `${t}(order_id="${shape.orderId}")`).join(', ');
  const feedback =
    status === 'pass'
      ? `[tool-calls: pass] all ${shape.tools.length} expected calls made in order: ${expected}\n[regex: pass] answer matches`
      : `[tool-calls: fail] expected ${shape.tools.length + 1} calls, got ${shape.tools.length}\ncall ${shape.tools.length + 1} escalate_to_human(order_id="${shape.orderId}", category="damaged"): not made\n[regex: fail] answer "${answer.slice(0, 80)}": it does not match /ESC-\\d+/i`;
  return {
    runId: RUN_ID,
    suite: shape.suite,
    exampleId: shape.exampleId,
    repeat,
    sampleIndex: mix(seed) >>> 1,
    split: shape.split,
    tags: shape.tags,
    status,
    ...(status === 'pass' ? {} : status === 'error' ? { reason: 'model endpoint unreachable', errorCode: 'EMODEL_UNREACHABLE' } : { reason: feedback.split('\n')[0] }),
    output: status === 'error' ? null : output,
    score: status === 'pass' ? 1 : 0,
    feedback: status === 'error' ? '' : feedback,
    trace: status === 'error' ? trace.slice(0, 1) : trace,
    usage: { calls: last, cacheHits: 0, retries: 0, promptTokens: 700 * last, completionTokens: 20 * last },
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 400 + (seed % 900),
  };
}

/** Whether record (i, repeat) is critiqued: every dev fail and a tenth of the dev passes. */
export function isCritiqued(i: number, repeat: number, shape = exampleShape(i)): boolean {
  if (shape.split !== 'dev') return false;
  const status = statusOf(i, repeat, shape);
  return status === 'fail' || (status === 'pass' && unit(i, repeat, 5) < 0.1);
}

/** The critique of record (i, repeat), made without building the record. */
export function generateCritique(i: number, repeat: number, shape = exampleShape(i)): CritiqueRecord {
  const status = statusOf(i, repeat, shape) as 'pass' | 'fail';
  const roll = unit(i, repeat, 6);
  const symptoms: Symptom[] = [];
  const symptomOf = (label: string, n: number): Symptom => {
    const step = label === 'missing-required-step' ? null : 1 + (mix(i + n) % (shape.tools.length + 1));
    const tool = shape.tools[(step ?? 1) - 1] ?? shape.tools[0]!;
    return {
      label: label === 'other' ? 'other' : label,
      ...(label === 'other' ? { proposed: PROPOSALS[mix(i + repeat) % PROPOSALS.length]! } : {}),
      description: `At step ${step ?? 'end'} the agent ${label.replace(/-/g, ' ')} around ${tool}: ${words(i + n, 6)}.`,
      evidence: `${tool}({"order_id":"${shape.orderId}"}) ${words(i * 5 + n, 5)}`,
      step,
      evidenceFound: unit(i, repeat, 7 + n) > 0.05,
    };
  };
  let verdict: CritiqueRecord['verdict'] = status;
  if (status === 'fail') {
    if (roll < 0.02) verdict = 'unlabelled';
    else {
      symptoms.push(symptomOf(roll < 0.05 ? 'other' : shape.label, 0));
      if (unit(i, repeat, 8) < 0.3) symptoms.push(symptomOf(LABELS[mix(i * 17 + repeat) % LABELS.length]!, 1));
    }
  } else if (roll < 0.25) {
    verdict = 'fragile-pass';
    symptoms.push(symptomOf(shape.label, 0));
  }
  return {
    runId: RUN_ID,
    suite: shape.suite,
    exampleId: shape.exampleId,
    repeat,
    status,
    verdict,
    symptoms,
    taxonomyVersion: 1,
    critic: { model: 'sim-critic', simulated: true, attempts: 1, cached: false },
    usage: { promptTokens: 900, completionTokens: 60 },
    ...(verdict === 'unlabelled' ? { error: 'the critic never answered in the schema' } : {}),
  };
}

/**
 * A value as it comes back from a JSON line: flat strings and plain objects, as the stage
 * reads them from disk (strings built by concatenation are ropes, heavier and slower to scan).
 */
const asRead = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Every critique of the generated run, in example order. */
export function* generateCritiques(examples: number, repeats: number): Generator<CritiqueRecord> {
  for (let i = 0; i < examples; i++) {
    const shape = exampleShape(i);
    for (let r = 0; r < repeats; r++) if (isCritiqued(i, r, shape)) yield asRead(generateCritique(i, r, shape));
  }
}

/** The records in batches (arrays of up to `size`), each record as read from a JSON line, so a caller can time work on them apart from making them. */
export function* recordBatches(examples: number, repeats: number, size: number): Generator<RunRecord[]> {
  let batch: RunRecord[] = [];
  for (let i = 0; i < examples; i++) {
    const shape = exampleShape(i);
    for (let r = 0; r < repeats; r++) {
      batch.push(asRead(generateRecord(i, r, shape)));
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}

const TEMPLATES = 4_096;
const templates = new Map<string, RunRecord>();

/**
 * Record (i, repeat) made cheaply: its own identity, split, tags and outcome on the trace,
 * output and feedback of one of 4,096 generated records of that outcome (as read from JSON).
 * The contents have the sizes and shapes of real ones, but making 300,000 of them neither
 * takes a minute nor churns gigabytes through the heap, so a measurement of the diagnosis
 * fed by them is of the diagnosis, not of the generator.
 */
export function recordFromTemplate(i: number, repeat: number, shape = exampleShape(i)): RunRecord {
  const status = statusOf(i, repeat, shape);
  const index = mix(i * 7 + repeat) % TEMPLATES;
  const id = `${status}:${index}`;
  let template = templates.get(id);
  if (template === undefined) {
    for (let j = index; ; j += TEMPLATES) {
      if (statusOf(j, 0) === status) {
        template = asRead(generateRecord(j, 0));
        break;
      }
    }
    templates.set(id, template);
  }
  return { ...template, suite: shape.suite, exampleId: shape.exampleId, repeat, split: shape.split, tags: shape.tags, sampleIndex: mix(i * 7 + repeat) >>> 1 };
}

/** recordBatches, made from templates (see recordFromTemplate). */
export function* templateRecordBatches(examples: number, repeats: number, size: number): Generator<RunRecord[]> {
  let batch: RunRecord[] = [];
  for (let i = 0; i < examples; i++) {
    const shape = exampleShape(i);
    for (let r = 0; r < repeats; r++) {
      batch.push(recordFromTemplate(i, r, shape));
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}
