/** Plain HTTP helpers for the simulated server's tests: fetch on loopback, SSE parsed by hand. */

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export async function call(url: string, init: { method?: string; body?: unknown; raw?: string; signal?: AbortSignal } = {}): Promise<Reply> {
  const body = init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  const res = await fetch(url, {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body,
    signal: init.signal,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export const chat = (base: string, body: Record<string, unknown>, signal?: AbortSignal) =>
  call(`${base}/chat/completions`, { body: { model: 'sim-agent', ...body }, signal });

/** The `data:` payloads of a server-sent event stream, in order ("[DONE]" kept as a string). */
export function sseData(text: string): Array<Record<string, unknown> | '[DONE]'> {
  return text
    .split('\n\n')
    .filter((event) => event.trim() !== '')
    .map((event) => {
      const line = event.split('\n').find((l) => l.startsWith('data: '));
      if (!line) throw new Error(`event without data: ${event}`);
      const data = line.slice('data: '.length);
      return data === '[DONE]' ? '[DONE]' : (JSON.parse(data) as Record<string, unknown>);
    });
}

export const user = (content: string) => ({ role: 'user', content });
