/**
 * The HTTP API on fastify: the route table's entries become routes; around each handler sit
 * the body parser, the query options, blocking queries, filtering and paging of lists, the
 * wire encoding and one error mapping. `createHttpApp` builds it; `startHttpServer` listens.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Fastify from 'fastify';
import { setMaxListeners } from 'node:events';
import { pipeline } from 'node:stream/promises';
import type { StateReader } from '../../state/index.js';
import { limitConnsPerClient } from '../net/index.js';
import { Forward } from './client-api/client-routes.js';
import type { ClientAccess } from './client-api/types.js';
import { registerWebsocketRoutes } from './client-api/websocket-route.js';
import { forward } from './forward.js';
import type { Server } from '../server.js';
import { errorStatus, HttpError } from './errors.js';
import { evaluateFilter } from './filter/index.js';
import type { QueryOptions } from './query.js';
import { parseQueryOptions } from './query.js';
import { sendJSON, sendText, setQueryMeta } from './respond.js';
import { routes } from './routes.js';
import type { AgentInfo, RequestContext, Route, RouteResult } from './types.js';

/** 10 MiB: a job far larger than any real one, small enough that no body can exhaust memory. */
export const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;

export interface HttpOptions {
  /** Largest request body in bytes (default 10 MiB); larger bodies get 413. */
  bodyLimit?: number;
  /** What the agent says about itself; defaults describe a single dev server. */
  agent?: Partial<AgentInfo>;
  /** For the blocking-query jitter (tests pass a fixed one). */
  random?: () => number;
  /** The client running in this agent (serves /v1/client/*). */
  client?: ClientAccess;
}

export interface StartOptions extends HttpOptions {
  host?: string;
  /** 0 picks a free port. Default 4646. */
  port?: number;
  /** `limits.http_max_conns_per_client` (0 or unset: no limit). */
  maxConnsPerClient?: number;
}

export interface HttpServerHandle {
  app: FastifyInstance;
  /** `http://host:port` */
  url: string;
  port: number;
  close(): Promise<void>;
}

const DEFAULT_AGENT: AgentInfo = {
  name: 'caravan',
  region: 'global',
  datacenter: 'dc1',
  rpcAddr: '127.0.0.1:4647',
  serfAddr: '127.0.0.1:4648',
  version: '1.9.0',
};

/** The query parameters, the last value of each. */
export function lastValues(q: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (q === null || typeof q !== 'object') return out;
  for (const [k, v] of Object.entries(q as Record<string, unknown>)) {
    const last = Array.isArray(v) ? v[v.length - 1] : v;
    if (last !== undefined) out[k] = String(last);
  }
  return out;
}

/** The JSON body of a request (undefined when empty); malformed JSON is a 400. */
export function parseBody(raw: unknown): unknown {
  if (!Buffer.isBuffer(raw) || raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HttpError(
      'HTTP_MALFORMED_JSON',
      `Failed to decode request body: ${(e as Error).message}`,
    );
  }
}

/** The paging token of a list item by default: its ID. */
function itemID(item: unknown): string {
  const o = item as { ID?: unknown };
  return typeof o?.ID === 'string' ? o.ID : '';
}

/** `filter`, then `per_page` / `next_token`, as Nomad applies them. */
function filterAndPage(
  items: unknown[],
  q: QueryOptions,
  itemKey: (item: unknown) => string,
): { items: unknown[]; nextToken: string } {
  let out = items;
  if (q.filter) {
    const f = q.filter;
    out = out.filter((i) => evaluateFilter(f, i));
  }
  if (q.nextToken) {
    let start = out.findIndex((i) => itemKey(i) === q.nextToken);
    if (start < 0) start = out.findIndex((i) => itemKey(i) > q.nextToken);
    out = start < 0 ? [] : out.slice(start);
  }
  let nextToken = '';
  if (q.perPage > 0 && out.length > q.perPage) {
    nextToken = itemKey(out[q.perPage]);
    out = out.slice(0, q.perPage);
  }
  return { items: out, nextToken };
}

/** The path patterns of the table, to tell a wrong method (405) from an unknown path (404). */
function pathMatchers(table: readonly Route[]): { re: RegExp; methods: Set<string> }[] {
  const byPath = new Map<string, Set<string>>();
  for (const r of table) {
    const s = byPath.get(r.path) ?? new Set<string>();
    s.add(r.method);
    byPath.set(r.path, s);
  }
  return [...byPath].map(([path, methods]) => ({
    re: new RegExp(
      '^' +
        path
          .split('/')
          .map((seg) =>
            seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
          )
          .join('/') +
        '/?$',
    ),
    methods,
  }));
}

/** Builds the API (not listening). Closing the app ends every blocking query at once. */
export function createHttpApp(server: Server, opts: HttpOptions = {}): FastifyInstance {
  const agent: AgentInfo = { ...DEFAULT_AGENT, ...opts.agent };
  const closing = new AbortController();
  // Every request in flight listens for the close; there is no leak to warn about.
  setMaxListeners(0, closing.signal);
  const app = Fastify({
    logger: false,
    bodyLimit: opts.bodyLimit ?? DEFAULT_BODY_LIMIT,
    forceCloseConnections: true,
    routerOptions: { maxParamLength: 1000, ignoreTrailingSlash: true },
    // fastify's own refusals (bad URL encoding, over-long paths) answer like every other error.
    frameworkErrors: (err, _req, reply) => {
      const { status, message } = errorStatus(err);
      void (reply as FastifyReply)
        .code(status)
        .header('Content-Type', 'text/plain; charset=utf-8')
        .send(message);
    },
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.addHook('preClose', (done) => {
    closing.abort();
    done();
  });

  const send = async (req: FastifyRequest, reply: FastifyReply, e: unknown) => {
    const { status, message } = errorStatus(e);
    if (status >= 500 && !(e instanceof HttpError)) app.log.error(e);
    await sendText(req, reply, status, message);
  };

  app.setErrorHandler(async (err, req, reply) => send(req, reply, err));
  const matchers = pathMatchers(routes);
  app.setNotFoundHandler(async (req, reply) => {
    const path = req.url.split('?')[0]!;
    const m = matchers.find((x) => x.re.test(path));
    if (m && !m.methods.has(req.method)) {
      reply.header('Allow', [...m.methods].join(', '));
      return send(
        req,
        reply,
        new HttpError('HTTP_METHOD_NOT_ALLOWED', `Invalid method: ${req.method}`),
      );
    }
    return send(req, reply, new HttpError('HTTP_NO_ROUTE', `Invalid URL path: ${path}`));
  });

  /** What a route's handler is given for a request. */
  const context = (req: FastifyRequest, route: Route, signal: AbortSignal): RequestContext => {
    const raw = lastValues(req.query);
    return {
      server,
      state: server.store.snapshot(),
      params: (req.params ?? {}) as Record<string, string>,
      query: parseQueryOptions(raw, { region: agent.region, random: opts.random }),
      raw,
      body: route.method === 'GET' ? undefined : parseBody(req.body),
      agent,
      client: opts.client,
      signal,
    };
  };

  registerWebsocketRoutes(app, routes, {
    context,
    closing: closing.signal,
    maxPayload: opts.bodyLimit ?? DEFAULT_BODY_LIMIT,
  });
  for (const route of routes) {
    if (route.websocket) continue;
    app.route({
      method: route.method,
      url: route.path,
      handler: async (req, reply) => {
        const abort = new AbortController();
        const onAbort = () => abort.abort();
        reply.raw.once('close', onAbort);
        closing.signal.addEventListener('abort', onAbort, { once: true });
        try {
          const ctx = context(req, route, abort.signal);
          const query = ctx.query;
          const { result, index } = await run(server, route, ctx, abort.signal);
          if (result.stream) {
            // Streams (logs, files) send their headers at once, so that a follower waiting for
            // a first line still sees its request accepted, and end when the caller goes away.
            reply.hijack();
            reply.raw.writeHead(result.status ?? 200, {
              'Content-Type': result.contentType ?? 'application/octet-stream',
            });
            reply.raw.flushHeaders();
            await pipeline(result.stream, reply.raw).catch(() => undefined);
            return;
          }
          let body = result.body;
          if (route.blocking?.list && Array.isArray(body)) {
            const page = filterAndPage(body, query, route.blocking.token ?? itemID);
            body = page.items;
            if (page.nextToken) reply.header('X-Nomad-NextToken', page.nextToken);
          }
          if (index !== undefined) setQueryMeta(reply, index);
          await sendJSON(req, reply, result.status ?? 200, body, query.pretty);
        } catch (e) {
          if (e instanceof Forward) {
            return forward(req, reply, e.addr, abort.signal);
          } else if (e instanceof BlockingQueryError) {
            setQueryMeta(reply, e.index);
            await send(req, reply, e.inner);
          } else {
            await send(req, reply, e);
          }
        } finally {
          reply.raw.off('close', onAbort);
          closing.signal.removeEventListener('abort', onAbort);
        }
      },
    });
  }
  return app;
}

/** An error from a blocking read, with the index the read was current at. */
class BlockingQueryError extends Error {
  constructor(
    readonly inner: unknown,
    readonly index: number,
  ) {
    super('blocking query failed');
  }
}

/**
 * Runs a handler, as a blocking query when the route supports it and `?index=` asks: the
 * handler is re-run on a fresh snapshot each time a watched table moves, until its answer's
 * index is above the one asked for or the wait (with jitter) is over.
 */
async function run(
  server: Server,
  route: Route,
  base: RequestContext,
  signal: AbortSignal,
): Promise<{ result: RouteResult; index: number | undefined }> {
  const blocking = route.blocking;
  if (!blocking) {
    const result = await route.handler(base);
    return { result, index: result.index };
  }
  const q = base.query;
  const deadline = Date.now() + q.waitMs;
  const tablesIndex = (state: StateReader) =>
    Math.max(...blocking.tables.map((t) => state.tableIndex(t)));
  // X-Nomad-Index is never 0: tables never written are reported at 1. A client that saw that 1
  // must still wake on their first write, even when that write is index 1.
  const minIndex = q.minIndex === 1 && tablesIndex(server.store.snapshot()) === 0 ? 0 : q.minIndex;
  for (;;) {
    const state = server.store.snapshot();
    const tableIndex = tablesIndex(state);
    let result: RouteResult | undefined;
    let error: unknown;
    try {
      result = await route.handler({ ...base, state });
    } catch (e) {
      error = e;
    }
    const index = result?.index ?? tableIndex;
    const remaining = deadline - Date.now();
    if (q.minIndex === 0 || index > minIndex || remaining <= 0 || signal.aborted) {
      // A read that fails (404) still says the index it was current at, as Nomad does.
      if (!result) throw new BlockingQueryError(error, index);
      return { result, index };
    }
    await server.store.waitFor(blocking.tables, Math.max(tableIndex, minIndex), remaining, signal);
  }
}

/** Builds the API and listens on `host:port` (default 127.0.0.1:4646; port 0 picks one). */
export async function startHttpServer(
  server: Server,
  opts: StartOptions = {},
): Promise<HttpServerHandle> {
  const app = createHttpApp(server, opts);
  limitConnsPerClient(app.server, opts.maxConnsPerClient ?? 0);
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ host, port: opts.port ?? 4646 });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : (opts.port ?? 4646);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { app, url: `http://${shownHost}:${port}`, port, close: () => app.close() };
}
