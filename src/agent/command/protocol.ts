import { z } from 'zod';
import { taskText } from '../../config/index.js';
import type { ChatTool } from '../../llm/types.js';
import type { LoadedExample, ToolEnvironment } from '../../suite/types.js';
import { toChatTool } from '../tool-format.js';
import type { EpisodeTrace } from '../trace.js';

/** What a command agent reads on stdin: the task, never its expected answer. */
export interface TaskPayload {
  id: string;
  suite: string;
  /** The example's input as the suite gives it (text, or an object with prompt/messages/fields). */
  input: LoadedExample['input'];
  /** The input as the text of a user turn (what a prompt agent would send). */
  task: string;
  /** OpenAI function tools offered for this example. */
  tools: ChatTool[];
  /** false: tool calls are the answer (print them as `toolCalls`); true: call them through AGENTDEVEL_TOOLS_URL. */
  executeTools: boolean;
  rubric?: string;
  sampleIndex: number;
}

export function taskPayload(example: LoadedExample, tools: ToolEnvironment, sampleIndex: number): TaskPayload {
  return {
    id: example.id,
    suite: example.suite,
    input: example.input,
    task: taskText(example.input),
    tools: tools.definitions(example).map(toChatTool),
    executeTools: tools.execute,
    ...(example.rubric === undefined ? {} : { rubric: example.rubric }),
    sampleIndex,
  };
}

/** Trace events a program may print as `{"event": {...}}` lines. */
const programEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('log'), message: z.string() }),
  z.object({ type: z.literal('tool_call'), name: z.string().min(1), arguments: z.unknown().optional(), id: z.string().optional() }),
  z.object({ type: z.literal('observation'), name: z.string().min(1), content: z.string(), toolCallId: z.string().optional() }),
  z.object({ type: z.literal('error'), message: z.string(), code: z.string().optional() }),
]);

const SHOWN_CHARS = 200;

/**
 * Reads a program's stdout line by line as it arrives. Event lines go into the trace at once;
 * the last non-empty line that is not an event is held back as the candidate final output,
 * and any earlier such line becomes a `log` event.
 */
export class StdoutReader {
  private lineNumber = 0;
  private pending: { line: string; number: number; value: unknown } | undefined;
  private lastWasEvent = false;

  constructor(private readonly trace: EpisodeTrace) {}

  onLine = (line: string): void => {
    this.lineNumber += 1;
    if (line.trim() === '') return;
    const value = parseJson(line);
    if (!isEventLine(value)) {
      this.flushPending();
      this.pending = { line, number: this.lineNumber, value };
      this.lastWasEvent = false;
      return;
    }
    this.lastWasEvent = true;
    const parsed = programEventSchema.safeParse(value.event);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.trace.log(`stdout line ${this.lineNumber}: malformed event ignored (${issue ? `${issue.path.join('.') || 'event'}: ${issue.message}` : 'invalid'}): ${shorten(line)}`);
      return;
    }
    const e = parsed.data;
    if (e.type === 'log') this.trace.log(e.message);
    else if (e.type === 'error') this.trace.error(e.message, e.code);
    else if (e.type === 'tool_call') this.trace.toolCall(e.id ?? `program_${this.lineNumber}`, e.name, e.arguments ?? {});
    else this.trace.observation(e.toolCallId ?? '', e.name, e.content);
  };

  /** The final output, or why there is none. */
  result(): { ok: true; output: Record<string, unknown> } | { ok: false; reason: string } {
    const last = this.pending;
    if (last === undefined) return { ok: false, reason: 'no output: the program printed no final JSON object on stdout' };
    if (this.lastWasEvent) {
      this.flushPending();
      return { ok: false, reason: 'no output: the last line of stdout was an event, not the final JSON object' };
    }
    if (last.value === NOT_JSON) return { ok: false, reason: `non-JSON output: stdout line ${last.number} is not JSON: ${shorten(last.line)}` };
    if (typeof last.value !== 'object' || last.value === null || Array.isArray(last.value)) {
      return { ok: false, reason: `non-JSON output: stdout line ${last.number} is JSON but not an object: ${shorten(last.line)}` };
    }
    return { ok: true, output: last.value as Record<string, unknown> };
  }

  private flushPending(): void {
    if (this.pending) this.trace.log(`stdout: ${shorten(this.pending.line, 2000)}`);
    this.pending = undefined;
  }
}

const NOT_JSON = Symbol('not JSON');

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/** A line `{"event": {...}}`: an object whose only key is `event`. */
function isEventLine(value: unknown): value is { event: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && 'event' in value;
}

function shorten(text: string, max = SHOWN_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}
