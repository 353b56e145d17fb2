import { fail } from '../core/errors.js';

/** The hidden line that marks the one comment agentdevel keeps on a pull request, per agent. */
export function commentMarker(agent: string): string {
  return `<!-- agentdevel-check: ${agent.replace(/-->/g, '')} -->`;
}

export interface CommentTarget {
  /** `https://api.github.com` (GITHUB_API_URL) or a GitHub Enterprise API. */
  apiUrl: string;
  /** `owner/repo` (GITHUB_REPOSITORY). */
  repository: string;
  pullRequest: number;
  token: string;
}

const PAGE = 100;

/**
 * The sticky comment: the pull request's comment that holds the marker is edited to the new
 * body; when there is none, one is created. So every push updates the same comment, and a
 * review thread never fills with one comment per push. The edge: real HTTP to the REST API.
 */
export async function upsertComment(target: CommentTarget, marker: string, markdown: string): Promise<{ action: 'created' | 'updated'; id: number; url: string | null }> {
  const body = `${marker}\n${markdown}`;
  const base = `${target.apiUrl.replace(/\/+$/, '')}/repos/${target.repository}`;
  let found: number | undefined;
  for (let page = 1; found === undefined; page++) {
    const comments = (await call(target, 'GET', `${base}/issues/${target.pullRequest}/comments?per_page=${PAGE}&page=${page}`)) as Array<{ id: number; body?: string | null }>;
    found = comments.find((c) => typeof c.body === 'string' && c.body.includes(marker))?.id;
    if (comments.length < PAGE) break;
  }
  if (found !== undefined) {
    const updated = (await call(target, 'PATCH', `${base}/issues/comments/${found}`, { body })) as { id: number; html_url?: string };
    return { action: 'updated', id: updated.id, url: updated.html_url ?? null };
  }
  const created = (await call(target, 'POST', `${base}/issues/${target.pullRequest}/comments`, { body })) as { id: number; html_url?: string };
  return { action: 'created', id: created.id, url: created.html_url ?? null };
}

async function call(target: CommentTarget, method: string, url: string, body?: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${target.token}`,
        'x-github-api-version': '2022-11-28',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    return fail('EGITHUB_API', `${method} ${url}: ${(error as Error).message}`, { cause: error });
  }
  const text = await response.text();
  if (!response.ok) {
    let message = text.slice(0, 300);
    try {
      message = String((JSON.parse(text) as { message?: unknown }).message ?? message);
    } catch {
      // not JSON: the text as it came
    }
    return fail('EGITHUB_API', `${method} ${url}: HTTP ${response.status}: ${message}`, { data: { status: response.status } });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fail('EGITHUB_API', `${method} ${url}: the reply is not JSON`);
  }
}
