import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { Value } from './expressions.js';

/** The parts of a GitHub Actions workflow the tests read. */
export interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string | number | boolean>;
  if?: string | boolean;
  'continue-on-error'?: boolean;
}

export interface Job {
  name?: string;
  needs?: string | string[];
  if?: string | boolean;
  'runs-on': string;
  permissions?: Record<string, string> | string;
  strategy?: { 'fail-fast'?: boolean; matrix?: Record<string, Value[]> };
  outputs?: Record<string, string>;
  env?: Record<string, string | number | boolean>;
  steps: Step[];
}

export interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string> | string;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean | string };
  env?: Record<string, string | number | boolean>;
  jobs: Record<string, Job>;
}

export async function loadWorkflow(path: string): Promise<{ workflow: Workflow; text: string }> {
  const text = await readFile(path, 'utf8');
  return { workflow: parse(text, { uniqueKeys: true, strict: true }) as Workflow, text };
}

export function needsOf(job: Job): string[] {
  return job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
}

/** The jobs in an order where each comes after every job it needs; throws on an unknown need or a cycle. */
export function topologicalJobs(workflow: Workflow): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    const job = workflow.jobs[name];
    if (!job) throw new Error(`job ${path[path.length - 1]} needs unknown job "${name}"`);
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`needs form a cycle: ${[...path, name].join(' → ')}`);
    state.set(name, 'visiting');
    for (const need of needsOf(job)) visit(need, [...path, name]);
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of Object.keys(workflow.jobs)) visit(name, []);
  return order;
}

/** One entry per leg of the job's matrix (a single leg without one). Only list axes: include/exclude are not used here. */
export function matrixLegs(job: Job): Array<Record<string, Value>> {
  const matrix = job.strategy?.matrix;
  if (!matrix) return [{}];
  let legs: Array<Record<string, Value>> = [{}];
  for (const [axis, values] of Object.entries(matrix)) {
    if (!Array.isArray(values)) throw new Error(`matrix axis ${axis}: only lists are supported`);
    legs = legs.flatMap((leg) => values.map((value) => ({ ...leg, [axis]: value })));
  }
  return legs;
}

/** The `agentdevel …` command lines of a run block (continuations joined; `&&`, `||`, `;`, `then`, `else` split). */
export function agentdevelLines(run: string): string[] {
  const joined = run.replace(/\\\n\s*/g, ' ');
  const out: string[] = [];
  for (const line of joined.split('\n')) {
    for (const part of splitOutsideQuotes(line)) {
      const command = part.trim().replace(/^(then|else|do)\s+/, '');
      if (/^agentdevel(\s|$)/.test(command)) out.push(command);
    }
  }
  return out;
}

function splitOutsideQuotes(line: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
      current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      current += c;
    } else if (c === '#' && /(^|\s)$/.test(current)) {
      break;
    } else if (line.startsWith('&&', i) || line.startsWith('||', i)) {
      parts.push(current);
      current = '';
      i++;
    } else if (c === ';') {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

/**
 * A command line split into words as bash would: quotes removed, `$NAME` and `${NAME}`
 * replaced from `env`, redirections (`> file`, `2> file`) and a trailing `&` dropped. Globs
 * stay as they are written. Anything else (`$(…)`, arithmetic) is refused.
 */
export function shellWords(line: string, env: Record<string, string>): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let i = 0;
  const variable = (): string => {
    const match = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(line.slice(i));
    if (!match) throw new Error(`unsupported shell expansion at "${line.slice(i, i + 12)}" in: ${line}`);
    i += match[0].length;
    const name = (match[1] ?? match[2])!;
    if (!(name in env)) throw new Error(`$${name} has no value in: ${line}`);
    return env[name]!;
  };
  while (i < line.length) {
    const c = line[i]!;
    if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
      i++;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      word ??= '';
      i++;
      while (line[i] !== '"') {
        if (i >= line.length) throw new Error(`unterminated quote in: ${line}`);
        if (line[i] === '$') word += variable();
        else word += line[i++];
      }
      i++;
    } else if (c === '$') {
      word = (word ?? '') + variable();
    } else {
      word = (word ?? '') + c;
      i++;
    }
  }
  if (word !== null) words.push(word);
  const kept: string[] = [];
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    if (/^\d?>>?$/.test(w)) k++;
    else if (/^\d?>>?./.test(w) || w === '&') continue;
    else kept.push(w);
  }
  return kept;
}
