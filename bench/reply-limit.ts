/**
 * `npm run bench:reply-limit`: what a 50 MB chat completion costs the process that receives it.
 * A loopback server answers every request with 50 MB (chunked, no Content-Length, as a runaway
 * generation would stream it). A fresh child process calls it once through the model layer with
 * the default endpoints.<role>.maxReplyBytes (8 MiB), and once with a limit above the reply, so
 * the reply is read whole as before the limit existed; each reports its peak RSS and the error
 * code it ended with. Target: the limited read stays under 150 MB of peak RSS and ends with
 * EMODEL_REPLY (oversize).
 */
import { execa } from 'execa';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MB = 1024 * 1024;
const REPLY_MB = Number(process.env.BENCH_REPLY_MB ?? 50);

function sendHuge(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.on('error', () => undefined);
  res.write('{"id":"c","object":"chat.completion","created":0,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"');
  const piece = 'x'.repeat(MB);
  let sent = 0;
  const more = () => {
    while (sent < REPLY_MB) {
      sent++;
      if (!res.write(piece)) return void res.once('drain', more);
    }
    res.end('"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}');
  };
  more();
}

async function child(url: string, maxReplyBytes: number): Promise<void> {
  const { openModelLayer } = await import('../src/llm/index.js');
  const { projectSchema } = await import('../src/config/index.js');
  const root = await mkdtemp(join(tmpdir(), 'agentdevel-bench-reply-'));
  const config = projectSchema.parse({ endpoints: { agent: { baseURL: url, model: 'm', maxRetries: 0, maxReplyBytes } } });
  const layer = await openModelLayer({ root, configPath: undefined, config, storeDir: join(root, '.agentdevel') }, { cache: false });
  let code = 'none';
  let contentMB = 0;
  try {
    const result = await layer.client('agent').chat({ messages: [{ role: 'user', content: 'hi' }] }, { sampleIndex: 0 });
    contentMB = (result.content?.length ?? 0) / MB;
  } catch (error) {
    code = (error as { code?: string }).code ?? String(error);
  }
  await layer.close();
  await rm(root, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify({ code, contentMB: Number(contentMB.toFixed(1)), maxRssMB: Number((process.resourceUsage().maxRSS / 1024).toFixed(1)) })}\n`);
}

async function main(): Promise<void> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => sendHuge(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  const self = fileURLToPath(import.meta.url);
  const run = async (limit: number) => JSON.parse((await execa(process.execPath, [self, 'child', url, String(limit)])).stdout) as { code: string; contentMB: number; maxRssMB: number };
  try {
    const limited = await run(8 * MB);
    const whole = await run((REPLY_MB + 8) * MB);
    const figures = { replyMB: REPLY_MB, limitedPeakRssMB: limited.maxRssMB, limitedCode: limited.code, wholePeakRssMB: whole.maxRssMB, wholeContentMB: whole.contentMB };
    const target = { limitedPeakRssMB: 150, limitedCode: 'EMODEL_REPLY' };
    const met = figures.limitedPeakRssMB < target.limitedPeakRssMB && figures.limitedCode === target.limitedCode;
    console.error(`a ${REPLY_MB} MB reply: with maxReplyBytes 8 MiB the process peaks at ${limited.maxRssMB} MB and ends with ${limited.code}; read whole it peaks at ${whole.maxRssMB} MB`);
    console.log(JSON.stringify({ bench: 'reply-limit', ...figures, target, met }));
    if (!met) process.exitCode = 1;
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

if (process.argv[2] === 'child') await child(process.argv[3]!, Number(process.argv[4]));
else await main();
