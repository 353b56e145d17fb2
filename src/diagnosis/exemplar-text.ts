import type { RunRecord, TraceEvent } from '../core/records.js';

/** Longest text of one field in an exemplar; the spec is read by people and by a model with a finite context. */
export const EXEMPLAR_FIELD_LIMIT = 400;

/**
 * Where a rendering goes: literal text, and fields (text from the record) that are put on
 * one line and clipped. One walk over the record serves both the text and its length, so the
 * length used to choose exemplars is exactly the length of the text shown, without building
 * the text of every candidate.
 */
interface Sink {
  text(literal: string): void;
  field(value: string): void;
  /** A field that is any JSON value (a string as it is, anything else as JSON). */
  json(value: unknown): void;
  /** True when the rest of the record need not be walked. */
  enough(): boolean;
}

function lineBreaks(text: string): { lf: number; crlf: number } {
  let lf = 0;
  let crlf = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
    lf += 1;
    if (at > 0 && text.charCodeAt(at - 1) === 13) crlf += 1;
  }
  return { lf, crlf };
}

const clipNote = (extra: number) => `… [${extra} more characters]`;

/**
 * A field on one line (line breaks shown as ⏎), clipped. One line per event keeps the
 * rendering compact, and means no line of an exemplar can pass for a line of the spec's
 * `Key: value` header.
 */
function clip(text: string): string {
  const line = text.replace(/\r?\n/g, ' ⏎ ');
  return line.length > EXEMPLAR_FIELD_LIMIT ? `${line.slice(0, EXEMPLAR_FIELD_LIMIT)}${clipNote(line.length - EXEMPLAR_FIELD_LIMIT)}` : line;
}

/** clip(text).length, without making it: each `\n` becomes 3 characters (+2), each `\r\n` 3 (+1). */
function clippedLength(text: string): number {
  const { lf, crlf } = text.includes('\n') ? lineBreaks(text) : { lf: 0, crlf: 0 };
  const length = text.length + 2 * lf - crlf;
  return length > EXEMPLAR_FIELD_LIMIT ? EXEMPLAR_FIELD_LIMIT + clipNote(length - EXEMPLAR_FIELD_LIMIT).length : length;
}

const asText = (value: unknown) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined'));

/** Characters JSON.stringify gives a string (quotes and escapes included), without making it. */
function jsonStringLength(text: string): number {
  let length = text.length + 2;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code !== 34 && code !== 92 && (code < 0xd800 || code > 0xdfff)) continue;
    if (code === 34 || code === 92 || code === 8 || code === 9 || code === 10 || code === 12 || code === 13) length += 1; // \" \\ \b \t \n \f \r
    else if (code < 0x20) length += 5; // \u00XX
    else if (code <= 0xdbff && i + 1 < text.length && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff) i += 1; // a pair, as is
    else length += 5; // a lone surrogate, \uDXXX
  }
  return length;
}

const NOT_PLAIN = -1;

/**
 * JSON.stringify(value).length for plain data (what JSON.parse gives: strings, finite or not
 * numbers, booleans, null, arrays, objects of the Object prototype), without making the text;
 * NOT_PLAIN for anything JSON.stringify might treat otherwise (toJSON, other prototypes,
 * undefined, functions, deep nesting), which is then measured by JSON.stringify itself.
 */
function plainJsonLength(value: unknown, depth: number): number {
  switch (typeof value) {
    case 'string':
      return jsonStringLength(value);
    case 'number':
      return Number.isFinite(value) ? String(value).length : 4;
    case 'boolean':
      return value ? 4 : 5;
    case 'object': {
      if (value === null) return 4;
      if (depth > 64) return NOT_PLAIN;
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype || Object.hasOwn(value, 'toJSON')) return NOT_PLAIN;
        let length = value.length > 0 ? value.length + 1 : 2; // brackets and commas
        for (let i = 0; i < value.length; i++) {
          const item = plainJsonLength(value[i], depth + 1);
          if (item === NOT_PLAIN) return NOT_PLAIN;
          length += item;
        }
        return length;
      }
      const proto = Object.getPrototypeOf(value);
      if ((proto !== Object.prototype && proto !== null) || Object.hasOwn(value, 'toJSON')) return NOT_PLAIN;
      const keys = Object.keys(value);
      let length = keys.length > 0 ? keys.length + 1 : 2; // braces and commas
      for (const key of keys) {
        const item = plainJsonLength((value as Record<string, unknown>)[key], depth + 1);
        if (item === NOT_PLAIN) return NOT_PLAIN;
        length += jsonStringLength(key) + 1 + item; // "key":value
      }
      return length;
    }
    default:
      return NOT_PLAIN;
  }
}

/** clippedLength(asText(value)) for a value that is not a string: JSON text holds no raw line break. */
function clippedJsonLength(value: unknown): number {
  const length = plainJsonLength(value, 0);
  if (length === NOT_PLAIN) return clippedLength(asText(value));
  return length > EXEMPLAR_FIELD_LIMIT ? EXEMPLAR_FIELD_LIMIT + clipNote(length - EXEMPLAR_FIELD_LIMIT).length : length;
}

/**
 * The blind surface of a record, one line per thing the agent did or met: tool calls,
 * observations, what it said, errors, the final answer and the scorer's feedback. Built from
 * the record alone, so no blueprint text can reach it; `log` events are left out because a
 * command agent's logs can quote its own code or prompt, and model-call summaries (tokens,
 * latency, cache) are harness detail.
 */
function walk(record: RunRecord, out: Sink): void {
  walkHeader(record, out);
  walkEvents(record, out);
  walkFeedback(record, out);
}

function walkHeader(record: RunRecord, out: Sink): void {
  out.text(record.suite);
  out.text('/');
  out.field(record.exampleId);
  out.text(' #');
  out.text(String(record.repeat));
  out.text(' · ');
  out.text(record.status);
  out.text(' · score ');
  out.text(String(record.score));
  const tags = record.tags;
  for (let i = 0; i < tags.length; i++) {
    out.text(i === 0 ? ' · tags: ' : ', ');
    out.field(tags[i]!);
  }
}

function walkEvents(record: RunRecord, out: Sink): void {
  const trace = record.trace;
  for (let i = 0; i < trace.length; i++) {
    if (out.enough()) return;
    walkEvent(trace[i]!, out);
  }
}

function walkFeedback(record: RunRecord, out: Sink): void {
  if (record.feedback) {
    out.text('\nfeedback: ');
    out.field(record.feedback);
  }
}

/** `\nstep N <what>` — written in pieces, so measuring allocates nothing. */
function stepLine(out: Sink, step: number, what: string): void {
  out.text('\nstep ');
  out.text(String(step));
  out.text(what);
}

function walkEvent(event: TraceEvent, out: Sink): void {
  switch (event.type) {
    case 'llm_call': {
      const text = event.response.content ?? '';
      const cut = event.response.finishReason === 'length';
      if (text.trim() === '' && !cut) return;
      stepLine(out, event.step, ' says: ');
      out.field(text);
      if (cut) out.text(' (cut at the token limit)');
      return;
    }
    case 'tool_call':
      stepLine(out, event.step, ' call ');
      out.field(event.name);
      out.text(' ');
      out.json(event.arguments);
      return;
    case 'observation':
      stepLine(out, event.step, ' observation ');
      out.field(event.name);
      out.text(': ');
      out.field(event.content);
      return;
    case 'error':
      stepLine(out, event.step, ' error');
      if (event.code !== undefined) {
        out.text(' ');
        out.field(event.code);
      }
      out.text(': ');
      out.field(event.message);
      return;
    case 'final':
      out.text('\nfinal answer: ');
      out.json(event.output);
      return;
    case 'log':
      return;
  }
}

export function renderExemplarTrace(record: RunRecord): string {
  const parts: string[] = [];
  walk(record, { text: (literal) => parts.push(literal), field: (value) => parts.push(clip(value)), json: (value) => parts.push(clip(asText(value))), enough: () => false });
  return parts.join('');
}

/** Adds up lengths; values that need JSON wait in `deferred` (its first `waiting`). One instance is reused, so measuring allocates nothing. */
class LengthSink implements Sink {
  length = 0;
  cap = Infinity;
  readonly deferred: unknown[] = [];
  waiting = 0;

  text(literal: string): void {
    this.length += literal.length;
  }

  field(value: string): void {
    this.length += clippedLength(value);
  }

  json(value: unknown): void {
    if (typeof value === 'string') this.length += clippedLength(value);
    else this.deferred[this.waiting++] = value;
  }

  enough(): boolean {
    return this.length > this.cap;
  }
}

const measuring = new LengthSink();

/**
 * renderExemplarTrace(record).length, without building the text. With a cap, it stops once
 * the length passes it (most candidates are longer than the exemplars already kept) and
 * returns some number above the cap. A sum does not care about order, so the parts are
 * measured cheapest first: the header and the feedback, then the events, and values that need
 * JSON (tool arguments, a structured final answer) last: most candidates pass the cap before.
 */
export function exemplarTraceLength(record: RunRecord, cap = Infinity): number {
  const sink = measuring;
  sink.length = 0;
  sink.cap = cap;
  sink.waiting = 0;
  walkHeader(record, sink);
  walkFeedback(record, sink);
  walkEvents(record, sink);
  for (let i = 0; i < sink.waiting; i++) {
    if (sink.length <= cap) sink.length += clippedJsonLength(sink.deferred[i]);
    sink.deferred[i] = undefined; // keeps no record alive
  }
  return sink.length;
}
