import { chmod, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { createAgentRunner, loadBlueprintByName, type AgentRunner, type Blueprint, type EpisodeInput } from '../../src/agent/index.js';
import { loadProject, type Project } from '../../src/config/index.js';
import { openModelLayer, type ModelLayer, type ModelLayerOptions } from '../../src/llm/index.js';
import { loadSuite, type LoadedExample, type LoadedSuite } from '../../src/suite/index.js';
import { writeTree } from '../helpers/tmp.js';

/**
 * A project playing a small help-desk world in-process (the real simulated server and world,
 * over loopback HTTP, through the real model layer): a suite `desk` whose tools run from a
 * module beside it, and a suite `calls` whose tool calls are the answer.
 */

export const ORDER = { order_id: 'A17', status: 'shipped', carrier: 'UPS' };

const toolsModule = `
export function lookup_order({ order_id }) { return { order_id, status: 'shipped', carrier: 'UPS' }; }
export function shipping_date({ order_id }) { return order_id + ' arrives on 2024-05-02'; }
export function check_stock() { throw new Error('inventory database offline'); }
export function big_report() { return 'x'.repeat(50000); }
`;

const tool = (name: string, properties: Record<string, unknown> = {}) => ({ name, description: `the ${name} tool`, parameters: { type: 'object', properties } });

const desk = {
  name: 'desk',
  scorer: { kind: 'exact' },
  timeoutMs: 20_000,
  tools: {
    module: 'desk-tools.mjs',
    definitions: [tool('lookup_order', { order_id: { type: 'string' } }), tool('shipping_date', { order_id: { type: 'string' } }), tool('check_stock', { item: { type: 'string' } }), tool('big_report')],
  },
  examples: [
    {
      id: 'where-is-a17',
      input: 'Where is order A17 and when will it arrive?',
      expected: 'Order A17 shipped with UPS and arrives on 2024-05-02.',
      sim: {
        calls: [
          { name: 'lookup_order', arguments: { order_id: 'A17' } },
          { name: 'shipping_date', arguments: { order_id: 'A17' } },
        ],
        answer: 'Order A17 shipped with UPS and arrives on 2024-05-02.',
      },
    },
    {
      id: 'stock-z9',
      input: 'Is item Z9 in stock?',
      expected: 'I could not check the stock of Z9 right now.',
      sim: { calls: [{ name: 'check_stock', arguments: { item: 'Z9' } }], answer: 'I could not check the stock of Z9 right now.' },
    },
    {
      id: 'report',
      input: 'Print the full sales report.',
      expected: 'Here is the report.',
      sim: { calls: [{ name: 'big_report', arguments: {} }], answer: 'Here is the report.' },
    },
    { id: 'hello', input: 'Say hello to the customer.', expected: 'Hello!', sim: { answer: 'Hello!' } },
  ],
};

const calls = {
  name: 'calls',
  scorer: { kind: 'tool-calls' },
  timeoutMs: 20_000,
  tools: { execute: false, definitions: [tool('get_weather', { city: { type: 'string' } })] },
  examples: [
    {
      id: 'weather-oslo',
      input: 'What is the weather in Oslo?',
      expected: [{ get_weather: { city: ['Oslo'] } }],
      sim: { calls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }], answer: 'It is cold.' },
    },
  ],
};

export interface DeskWorld {
  root: string;
  project: Project;
  models: ModelLayer;
  desk: LoadedSuite;
  calls: LoadedSuite;
  example(suite: LoadedSuite, id: string): LoadedExample;
  /** Writes agents/<name>/ from a file tree and loads it. */
  agent(name: string, files: Record<string, string>, executable?: string[]): Promise<Blueprint>;
  /** A runner closed after the test. */
  runner(blueprint: Blueprint, options?: Parameters<typeof createAgentRunner>[2]): AgentRunner;
  input(suite: LoadedSuite, id: string, extra?: Partial<EpisodeInput>): EpisodeInput;
}

const toClose: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (toClose.length > 0) await toClose.pop()?.();
});

/** `agentEndpoint` overrides endpoints.agent (e.g. an unreachable baseURL); `sim` the world's settings. */
export async function deskWorld(options: { agentEndpoint?: Record<string, unknown>; sim?: Record<string, unknown>; layer?: ModelLayerOptions } = {}): Promise<DeskWorld> {
  const config = {
    endpoints: { agent: { baseURL: 'sim', maxRetries: 1, timeoutMs: 10_000, ...options.agentEndpoint } },
    sim: { seed: 3, flakyShare: 0, rerollRate: 0, ...options.sim },
  };
  const root = await writeTree({
    'agentdevel.yaml': JSON.stringify(config, null, 2),
    'specs/desk.yaml': JSON.stringify(desk, null, 2),
    'specs/desk-tools.mjs': toolsModule,
    'specs/calls.yaml': JSON.stringify(calls, null, 2),
  });
  const project = await loadProject({ cwd: root });
  const [deskSuite, callsSuite] = await Promise.all([loadSuite(project, 'desk'), loadSuite(project, 'calls')]);
  const simSuites = [deskSuite, callsSuite].map((s) => ({ name: s.name, sim: s.config.sim, examples: s.examples }));
  const models = await openModelLayer(project, { simSuites, cache: false, retryPolicy: { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 100 }, ...options.layer });
  toClose.push(() => models.close());

  const example = (suite: LoadedSuite, id: string) => {
    const found = suite.examples.find((e) => e.id === id);
    if (!found) throw new Error(`no example ${id} in ${suite.name}`);
    return found;
  };
  return {
    root,
    project,
    models,
    desk: deskSuite,
    calls: callsSuite,
    example,
    async agent(name, files, executable = []) {
      await writeTree(files, join(root, 'agents', name));
      for (const path of executable) await chmod(join(root, 'agents', name, path), 0o755);
      return loadBlueprintByName(project, name);
    },
    runner(blueprint, runnerOptions) {
      const runner = createAgentRunner(blueprint, models, runnerOptions);
      toClose.push(() => runner.close());
      return runner;
    },
    input(suite, id, extra = {}) {
      return { example: example(suite, id), tools: suite.tools, sampleIndex: 0, timeoutMs: 15_000, ...extra };
    },
  };
}

/** A prompt agent's files. */
export function promptAgent(name: string, options: { maxSteps?: number; prompt?: string } = {}): Record<string, string> {
  return {
    'agent.yaml': `name: ${name}\nkind: prompt\nsystem: [prompts/system.md, prompts/tools.md]\nmaxSteps: ${options.maxSteps ?? 6}\n`,
    'prompts/system.md': `${options.prompt ?? 'You are the help desk of a small shop.'}\n`,
    'prompts/tools.md': 'Use the tools to look things up before answering.\n',
  };
}

const fixtures = fileURLToPath(new URL('../fixtures/agents/', import.meta.url));

/** A command agent whose program is test/fixtures/agents/<program>, copied in as agent.mjs. */
export async function commandAgent(name: string, program: string, extraYaml = ''): Promise<Record<string, string>> {
  return {
    'agent.yaml': `name: ${name}\nkind: command\ncommand: [node, ./agent.mjs]\n${extraYaml}`,
    'agent.mjs': await readFile(join(fixtures, program), 'utf8'),
    'prompts/system.md': 'You are the help desk of a small shop.\n',
  };
}

/** The trace's event types in order, with tool names where they have one. */
export function shape(trace: Array<{ type: string; name?: string }>): string[] {
  return trace.map((e) => (e.name ? `${e.type}:${e.name}` : e.type));
}
