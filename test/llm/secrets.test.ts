import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/log.js';
import { clearSecrets } from '../../src/core/secrets.js';
import { openModelLayer } from '../../src/llm/index.js';
import { fastRetry, tempProject, userMessage } from './helpers.js';
import { rawServer, sendJson } from './raw-server.js';

afterEach(() => clearSecrets());

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

function reply(content: string) {
  return { id: 'c', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }] };
}

describe('an API key planted in the environment', () => {
  it('is sent to the server, and reaches no file under the store, no log line and no error', async () => {
    const key = `sk-planted-${randomBytes(12).toString('hex')}`;
    // The server echoes the key back, as some do in errors: in a reply, in a 500 body and in a 401.
    const server = await rawServer((request, res) => {
      const text = (request.body.messages as Array<{ content: string }>)[0]?.content;
      if (text === 'echo') return sendJson(res, 200, reply(`you sent ${key}`));
      if (text === 'flaky') return sendJson(res, 500, { error: { message: `overloaded while serving ${key}` } });
      return sendJson(res, 401, { error: { message: `Incorrect API key provided: ${key}`, type: 'invalid_request_error' } });
    });
    const lines: string[] = [];
    const logger = createLogger('verbose', (line) => lines.push(line));
    const project = await tempProject({
      endpoints: { agent: { baseURL: server.url, model: 'm', apiKeyEnv: 'AGENTDEVEL_PLANTED_KEY', maxRetries: 2 } },
    });
    const layer = await openModelLayer(project, { env: { AGENTDEVEL_PLANTED_KEY: key }, logger, retryPolicy: fastRetry });
    const agent = layer.client('agent');

    const echoed = await agent.chat({ messages: userMessage('echo') }, { sampleIndex: 0 });
    const errors = await Promise.all(['flaky', 'refuse'].map((text) => agent.chat({ messages: userMessage(text) }, { sampleIndex: 0 }).catch((e: unknown) => e)));
    await agent.chat({ messages: userMessage('echo') }, { sampleIndex: 0 }); // from the cache
    await layer.close();

    expect(server.received[0]?.headers.authorization).toBe(`Bearer ${key}`);
    expect(errors.map((e) => (e as { code: string }).code)).toEqual(['EMODEL_UNREACHABLE', 'EMODEL_REQUEST']);
    expect(lines.some((line) => line.includes('retry'))).toBe(true);

    const seen = [echoed.content, ...errors.map((e) => JSON.stringify(e) + String(e) + (e as Error).stack), ...lines];
    for (const text of seen) expect(text).not.toContain(key);
    expect(echoed.content).toContain('***');

    const files = await filesUnder(project.storeDir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = await readFile(file);
      expect(bytes.includes(key), file).toBe(false);
      expect(bytes.includes(Buffer.from(key).toString('base64')), file).toBe(false);
    }
  });
});
