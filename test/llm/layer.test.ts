import { describe, expect, it } from 'vitest';
import { exampleSchema, simSuiteSchema } from '../../src/config/index.js';
import { openModelLayer } from '../../src/llm/index.js';
import { fastRetry, tempProject, userMessage } from './helpers.js';

const suite = {
  name: 'greetings',
  sim: simSuiteSchema.parse({}),
  examples: [exampleSchema.parse({ id: 'hello', input: 'Greet the weather desk.', sim: { calls: [{ name: 'ring_bell', arguments: { times: 2 } }], answer: 'Hello!' } })],
};
const ringBell = { type: 'function' as const, function: { name: 'ring_bell', parameters: { type: 'object', properties: { times: { type: 'integer' } } } } };
const world = { flakyShare: 0, rerollRate: 0 };

describe('openModelLayer', () => {
  it('starts the simulated world in-process for baseURL: sim on the first call, with its default models, and stops it on close', async () => {
    const project = await tempProject({ sim: world });
    const layer = await openModelLayer(project, { simSuites: [suite] });
    expect(['agent', 'critic', 'engineer'].map((role) => layer.client(role as 'agent').model)).toEqual(['sim-agent', 'sim-critic', 'sim-engineer']);
    expect(layer.client('agent').simulated).toBe(true);
    expect(layer.simURL).toBeUndefined(); // not started until a simulated role is called

    const reply = await layer.client('agent').chat({ messages: [{ role: 'system', content: 'You help.' }, ...userMessage('Greet the weather desk.')], tools: [ringBell] }, { sampleIndex: 0 });
    expect(reply.toolCalls).toEqual([expect.objectContaining({ name: 'ring_bell' })]);
    expect(JSON.parse(reply.toolCalls[0]!.arguments)).toEqual({ times: 2 });
    expect(layer.simURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    // Every role shares the one world: calls at once start it once.
    const simURL = layer.simURL;
    await Promise.all(['critic', 'engineer'].map((role) => layer.client(role as 'critic').chat({ messages: userMessage('Hello?') }, { sampleIndex: 1 })));
    expect(layer.simURL).toBe(simURL);

    await layer.close();
    await expect(fetch(`${layer.simURL}/models`)).rejects.toThrow();
    await layer.close(); // closing twice is harmless
  });

  it('a layer that is closed before any call never starts the world; a call after close fails without starting one', async () => {
    const project = await tempProject({ sim: world });
    const layer = await openModelLayer(project, { simSuites: [suite], cache: false });
    const agent = layer.client('agent');
    await layer.close();
    await expect(agent.chat({ messages: userMessage('Hello?') }, { sampleIndex: 0 })).rejects.toThrow(/closed/);
    expect(layer.simURL).toBeUndefined();
  });

  it('keeps cache entries of differently configured simulated worlds apart', async () => {
    const project = await tempProject({ sim: world });
    const ask = async (seed: number) => {
      const layer = await openModelLayer({ ...project, config: { ...project.config, sim: { ...project.config.sim, seed } } }, { simSuites: [suite] });
      await layer.client('agent').chat({ messages: userMessage('Greet the weather desk.') }, { sampleIndex: 0 });
      await layer.close();
      return layer.usage().agent.cacheHits;
    };
    expect(await ask(1)).toBe(0);
    expect(await ask(2)).toBe(0);
    expect(await ask(1)).toBe(1);
  });

  it('asks for the model name of a real server, naming the field', async () => {
    const project = await tempProject({ endpoints: { agent: { baseURL: 'http://127.0.0.1:9/v1' }, critic: { baseURL: 'http://127.0.0.1:9/v1', model: 'm' }, engineer: { baseURL: 'http://127.0.0.1:9/v1', model: 'm' } } });
    const layer = await openModelLayer(project);
    expect(layer.simURL).toBeUndefined();
    expect(() => layer.client('agent')).toThrow(expect.objectContaining({ code: 'ECONFIG', message: expect.stringContaining('endpoints.agent.model') }));
    expect(layer.client('critic').model).toBe('m');
    await layer.close();
  });

  it('reports an unset apiKeyEnv as ESECRET_MISSING, naming the variable', async () => {
    const url = 'http://127.0.0.1:9/v1';
    const project = await tempProject({ endpoints: { agent: { baseURL: url, model: 'm', apiKeyEnv: 'AGENTDEVEL_TEST_UNSET_KEY' }, critic: { baseURL: url, model: 'm' }, engineer: { baseURL: url, model: 'm' } } });
    const layer = await openModelLayer(project, { env: {}, retryPolicy: fastRetry });
    expect(() => layer.client('agent')).toThrow(expect.objectContaining({ code: 'ESECRET_MISSING', message: expect.stringContaining('AGENTDEVEL_TEST_UNSET_KEY') }));
    await layer.close();
  });
});
