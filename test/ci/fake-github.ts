import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Comment {
  id: number;
  body: string;
  user: string;
}

/** A local fake of the GitHub REST API's issue comments (list with pages, create, edit), over real HTTP. */
export class FakeGitHub {
  comments: Comment[] = [];
  requests: Array<{ method: string; url: string; auth: string | undefined }> = [];
  failWith: number | null = null;
  private server: Server | null = null;
  private next = 1000;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
  }

  add(body: string, user = 'someone'): void {
    this.comments.push({ id: this.next++, body, user });
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    this.requests.push({ method: req.method!, url: req.url!, auth: req.headers.authorization });
    if (this.failWith !== null) return { status: this.failWith, body: { message: 'Resource not accessible by integration' } };
    let text = '';
    for await (const chunk of req) text += chunk;
    const url = new URL(req.url!, 'http://x');
    const list = url.pathname.match(/^\/repos\/octo\/[\w-]+\/issues\/(\d+)\/comments$/);
    if (list && req.method === 'GET') {
      const per = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      return { status: 200, body: this.comments.slice((page - 1) * per, page * per) };
    }
    if (list && req.method === 'POST') {
      const comment = { id: this.next++, body: (JSON.parse(text) as { body: string }).body, user: 'github-actions[bot]' };
      this.comments.push(comment);
      return { status: 201, body: { ...comment, html_url: `https://github.example/octo/shop/pull/${list[1]}#issuecomment-${comment.id}` } };
    }
    const edit = url.pathname.match(/^\/repos\/octo\/[\w-]+\/issues\/comments\/(\d+)$/);
    if (edit && req.method === 'PATCH') {
      const comment = this.comments.find((c) => c.id === Number(edit[1]));
      if (!comment) return { status: 404, body: { message: 'Not Found' } };
      comment.body = (JSON.parse(text) as { body: string }).body;
      return { status: 200, body: { ...comment, html_url: `https://github.example/c/${comment.id}` } };
    }
    return { status: 404, body: { message: 'Not Found' } };
  }
}

