import type { CritiqueRecord, CritiqueVerdict, Symptom } from '../../src/core/critique.js';
import type { RunRecord, Split, TraceEvent } from '../../src/core/records.js';

export const RUN = 'run0000000000001';

export interface RecordSpec {
  id: string;
  status: RunRecord['status'];
  repeat?: number;
  suite?: string;
  split?: Split;
  tags?: string[];
  /** Tools called, one model step each, then a final answer step. */
  tools?: string[];
  answer?: string;
  feedback?: string;
  /** Extra text in each observation (to make a trace longer). */
  padding?: string;
  extraEvents?: TraceEvent[];
}

/** A record with a small, realistic trace: one model step per tool called, then the answer. */
export function record(spec: RecordSpec): RunRecord {
  const tools = spec.tools ?? [];
  const trace: TraceEvent[] = [];
  tools.forEach((tool, i) => {
    const step = i + 1;
    const id = `call_${step}`;
    trace.push({
      type: 'llm_call',
      step,
      request: { messages: 2 + 2 * i, lastRole: i === 0 ? 'user' : 'tool', tools: 3 },
      response: { content: null, toolCalls: [{ id, name: tool, arguments: { order_id: 'KL-1' } }], finishReason: 'tool_calls' },
      usage: { promptTokens: 100, completionTokens: 5 },
      cached: false,
      latencyMs: 10,
    });
    trace.push({ type: 'tool_call', step, id, name: tool, arguments: { order_id: 'KL-1' } });
    trace.push({ type: 'observation', step, toolCallId: id, name: tool, content: `{"ok":true}${spec.padding ?? ''}` });
  });
  const last = tools.length + 1;
  const answer = spec.answer ?? `answer to ${spec.id}`;
  trace.push({
    type: 'llm_call',
    step: last,
    request: { messages: 2 + 2 * tools.length, lastRole: tools.length > 0 ? 'tool' : 'user', tools: 3 },
    response: { content: answer, toolCalls: [], finishReason: 'stop' },
    usage: { promptTokens: 100, completionTokens: 5 },
    cached: false,
    latencyMs: 10,
  });
  trace.push(...(spec.extraEvents ?? []));
  trace.push({ type: 'final', step: last, output: answer });
  return {
    runId: RUN,
    suite: spec.suite ?? 'desk',
    exampleId: spec.id,
    repeat: spec.repeat ?? 0,
    sampleIndex: 1000 + (spec.repeat ?? 0),
    split: spec.split ?? 'dev',
    tags: spec.tags ?? [],
    status: spec.status,
    ...(spec.status === 'pass' ? {} : { reason: 'wrong' }),
    output: answer,
    score: spec.status === 'pass' ? 1 : 0,
    feedback: spec.feedback ?? (spec.status === 'pass' ? 'ok' : 'expected something else'),
    trace,
    usage: { calls: last, cacheHits: 0, retries: 0, promptTokens: 100 * last, completionTokens: 5 * last },
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 5,
  };
}

export function symptom(label: string, step: number | null = 1, extra: Partial<Symptom> = {}): Symptom {
  return { label, description: `${label} seen`, evidence: `evidence of ${label}`, step, ...extra };
}

/** The critique of a record, by hand. */
export function critique(r: RunRecord, symptoms: Symptom[], verdict?: CritiqueVerdict): CritiqueRecord {
  const status = r.status === 'pass' ? 'pass' : 'fail';
  return {
    runId: r.runId,
    suite: r.suite,
    exampleId: r.exampleId,
    repeat: r.repeat,
    status,
    verdict: verdict ?? (status === 'fail' ? (symptoms.length > 0 ? 'fail' : 'unlabelled') : symptoms.length > 0 ? 'fragile-pass' : 'pass'),
    symptoms,
    taxonomyVersion: 1,
    critic: { model: 'hand', simulated: false, attempts: 1, cached: false },
  };
}

/** A seeded permutation (mulberry32 + Fisher–Yates). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const next = seededDraw(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const LABELS = ['missing-required-step', 'wrong-tool', 'invalid-tool-arguments', 'hallucinated-fact', 'incorrect-output-format', 'other'];
const TOOLS = ['lookup_order', 'search_policy', 'check_refund', 'escalate'];
const TAGS = ['order', 'policy', 'refund', 'shipping'];

/**
 * A seeded, mixed set: examples × repeats over two suites, a fifth of the examples holdout,
 * a few infrastructure errors, critiques of every dev fail (some unlabelled) and of a third
 * of the dev passes (some fragile), `other` labels with proposed names.
 */
export function mixedSet(seed: number, examples = 60, repeats = 3) {
  const draw = seededDraw(seed);
  const records: RunRecord[] = [];
  const critiques: CritiqueRecord[] = [];
  for (let i = 0; i < examples; i++) {
    const suite = i % 2 === 0 ? 'desk' : 'shop';
    const split: Split = i % 5 === 4 ? 'holdout' : 'dev';
    const tags = TAGS.filter((_, t) => (i >> t) % 2 === 1);
    const failRate = draw();
    for (let repeat = 0; repeat < repeats; repeat++) {
      const roll = draw();
      const status = roll < 0.03 ? 'error' : roll < failRate ? 'fail' : 'pass';
      const tools = TOOLS.filter(() => draw() < 0.4);
      const r = record({ id: `ex${String(i).padStart(3, '0')}`, suite, split, repeat, status, tags, tools, padding: 'x'.repeat(Math.floor(draw() * 40)) });
      records.push(r);
      if (status === 'error') continue;
      if (status === 'fail' || draw() < 0.33) {
        const count = status === 'fail' ? Math.floor(draw() * 3) : draw() < 0.5 ? 1 : 0;
        const symptoms: Symptom[] = [];
        for (let s = 0; s < count; s++) {
          const label = LABELS[Math.floor(draw() * LABELS.length)]!;
          const step = draw() < 0.2 ? null : 1 + Math.floor(draw() * (tools.length + 1));
          symptoms.push(symptom(label, step, label === 'other' ? { proposed: draw() < 0.5 ? 'Rude Tone' : 'slow reply' } : {}));
        }
        critiques.push(critique(r, symptoms));
      }
    }
  }
  return { records, critiques };
}

function seededDraw(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
