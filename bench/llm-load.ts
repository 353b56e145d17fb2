/**
 * Child process of `npm run bench:llm`: sends `n` chat completions with `inFlight` workers to
 * the server at `url`, either through the model layer or through a bare loop over the `openai`
 * package, after a warm-up. Each path runs in a process of its own so that one's garbage and
 * memory peak do not land on the other. Prints one JSON line with its figures.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { projectSchema } from '../src/config/index.js';
import { openModelLayer } from '../src/llm/index.js';

const [mode = 'bare', url = '', nText = '5000', inFlightText = '64', warmupText = '500'] = process.argv.slice(2);
const n = Number(nText);
const inFlight = Number(inFlightText);
const warmup = Number(warmupText);

const messages = (i: number) => [{ role: 'user' as const, content: `Question number ${i}: what is the capital of region ${i % 97}?` }];

function cpu(): { userMs: number; systemMs: number } {
  const usage = process.resourceUsage();
  return { userMs: usage.userCPUTime / 1000, systemMs: usage.systemCPUTime / 1000 };
}

/** `inFlight` workers pulling indices from..from+count-1. */
async function drive(from: number, count: number, call: (i: number) => Promise<unknown>): Promise<void> {
  let next = from;
  const end = from + count;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < end) await call(next++);
    }),
  );
}

async function measure(call: (i: number) => Promise<unknown>) {
  await drive(0, warmup, call); // JIT, connection pool
  const before = cpu();
  const start = performance.now();
  await drive(warmup, n, call);
  const after = cpu();
  const userMs = after.userMs - before.userMs;
  const systemMs = after.systemMs - before.systemMs;
  return { wallMs: performance.now() - start, cpuMs: userMs + systemMs, userMs, systemMs };
}

let figures: Record<string, unknown>;
if (mode === 'bare') {
  const sdk = new OpenAI({ baseURL: url, apiKey: 'no-key', maxRetries: 0 });
  figures = await measure((i) => sdk.chat.completions.create({ model: 'sim-agent', messages: messages(i), seed: i }));
} else {
  const root = await mkdtemp(join(tmpdir(), 'agentdevel-bench-llm-'));
  const endpoint = (role: string) => ({ baseURL: url, model: `sim-${role}`, concurrency: inFlight, maxRetries: 0 });
  const config = projectSchema.parse({ endpoints: { agent: endpoint('agent'), critic: endpoint('critic'), engineer: endpoint('engineer') } });
  // mode "layer-nocache" isolates what the response cache costs.
  const layer = await openModelLayer({ root, configPath: undefined, config, storeDir: join(root, 'store') }, { cache: mode !== 'layer-nocache' });
  const agent = layer.client('agent');
  figures = await measure((i) => agent.chat({ messages: messages(i) }, { sampleIndex: i }));
  await layer.close();
  figures = { ...figures, usage: layer.usage().agent };
  await rm(root, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify({ mode, ...figures, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
