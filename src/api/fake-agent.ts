/**
 * A fake Nomad agent for tests: a node:http server on 127.0.0.1 that answers canned
 * Nomad-shaped JSON per "METHOD /path" and records every request it gets.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface FakeAnswer {
  status?: number;
  /** Sent as JSON unless it is a string. */
  body?: unknown;
  /** The X-Nomad-Index header. */
  index?: number;
  headers?: Record<string, string>;
}

/**
 * Answers a request; a route may be a fixed answer or a function of the request, which may
 * answer later (a promise), as a blocking query does.
 */
export type FakeRoute = FakeAnswer | ((req: FakeRequest) => FakeAnswer | Promise<FakeAnswer>);

export interface FakeAgent {
  address: string;
  requests: FakeRequest[];
  close(): Promise<void>;
}

/** Starts the fake; unknown routes answer 404 with a plain-text body. */
export async function startFakeAgent(routes: Record<string, FakeRoute>): Promise<FakeAgent> {
  const requests: FakeRequest[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const fr: FakeRequest = {
        method: req.method ?? 'GET',
        path: decodeURIComponent(url.pathname),
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: raw === '' ? undefined : JSON.parse(raw),
      };
      requests.push(fr);
      const route = routes[`${fr.method} ${fr.path}`];
      const answer = route
        ? typeof route === 'function'
          ? route(fr)
          : route
        : { status: 404, body: 'Not Found' };
      void Promise.resolve(answer).then((a) => {
        const headers: Record<string, string> = { ...a.headers };
        if (a.index !== undefined) headers['X-Nomad-Index'] = String(a.index);
        headers['X-Nomad-KnownLeader'] = headers['X-Nomad-KnownLeader'] ?? 'true';
        headers['X-Nomad-LastContact'] = headers['X-Nomad-LastContact'] ?? '0';
        const body = typeof a.body === 'string' ? a.body : JSON.stringify(a.body ?? null);
        res.writeHead(a.status ?? 200, headers);
        res.end(body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
