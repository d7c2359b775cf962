/**
 * The HTTP API of a client-only agent (no server in the process), as Nomad's client agents
 * serve theirs: `/v1/client/*` about the allocations this client runs and its host stats,
 * `/v1/agent/self` and `/v1/agent/health` answered here, and every other request forwarded
 * to a server's HTTP API (blocking queries and streams included), so that `NOMAD_ADDR` may
 * name any agent. A `/v1/client/*` request about an allocation this client does not have goes
 * to the server too, which forwards it to the node that has it.
 */
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { setMaxListeners } from 'node:events';
import { pipeline } from 'node:stream/promises';
import type { StateReader } from '../../state/index.js';
import type { Server } from '../server.js';
import { limitConnsPerClient } from '../net/index.js';
import { DEFAULT_BODY_LIMIT, lastValues, parseBody, type HttpServerHandle } from './app.js';
import { clientRoutes } from './client-api/client-routes.js';
import { execRoute } from './client-api/exec.js';
import { registerWebsocketRoutes } from './client-api/websocket-route.js';
import type { ClientAccess } from './client-api/types.js';
import { errorStatus } from './errors.js';
import { forward } from './forward.js';
import { parseQueryOptions } from './query.js';
import { sendJSON, sendText } from './respond.js';
import type { AgentInfo, RequestContext, Route } from './types.js';

export interface ClientAgentHttpOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** `limits.http_max_conns_per_client` (0 or unset: no limit). */
  maxConnsPerClient?: number;
  client: ClientAccess;
  agent: AgentInfo;
  /** The `/v1/agent/self` answer. */
  self(): Promise<unknown>;
  /** The client's part of `/v1/agent/health`. */
  health(): { ok: boolean; message: string };
  /** `host:port` of a server's HTTP API; rejects when no server answers. */
  upstream(): Promise<string>;
}

/**
 * The client routes read only the client; an allocation they do not find locally was
 * forwarded before they run, so the state they would look it up in is an empty one.
 */
const NO_STATE = { alloc: () => undefined, node: () => undefined } as unknown as StateReader;
const NO_SERVER = undefined as unknown as Server;

/** Starts the client agent's HTTP API on host:port. */
export async function startClientAgentHttp(o: ClientAgentHttpOptions): Promise<HttpServerHandle> {
  const closing = new AbortController();
  setMaxListeners(0, closing.signal);
  const app = Fastify({
    logger: false,
    forceCloseConnections: true,
    routerOptions: { maxParamLength: 1000, ignoreTrailingSlash: true },
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.addHook('preClose', (done) => {
    closing.abort();
    done();
  });
  limitConnsPerClient(app.server, o.maxConnsPerClient ?? 0);

  /** Runs `f` with a signal that aborts when the caller goes away or the agent closes. */
  const withSignal = async (reply: FastifyReply, f: (signal: AbortSignal) => Promise<unknown>) => {
    const abort = new AbortController();
    const onAbort = () => abort.abort();
    reply.raw.once('close', onAbort);
    closing.signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await f(abort.signal);
    } finally {
      reply.raw.off('close', onAbort);
      closing.signal.removeEventListener('abort', onAbort);
    }
  };

  const toServer = async (req: FastifyRequest, reply: FastifyReply, signal: AbortSignal) => {
    let addr: string;
    try {
      addr = await o.upstream();
    } catch (e) {
      return sendText(req, reply, 500, `No server to forward the request to: ${errText(e)}`);
    }
    return forward(req, reply, addr, signal);
  };

  const local = async (
    route: Route,
    req: FastifyRequest,
    reply: FastifyReply,
    signal: AbortSignal,
  ) => {
    const params = (req.params ?? {}) as Record<string, string>;
    if (params.id !== undefined && o.client.allocDir(params.id) === undefined) {
      return toServer(req, reply, signal);
    }
    const raw = lastValues(req.query);
    try {
      const ctx: RequestContext = {
        server: NO_SERVER,
        state: NO_STATE,
        params,
        query: parseQueryOptions(raw, { region: o.agent.region }),
        raw,
        body: route.method === 'GET' ? undefined : parseBody(req.body),
        agent: o.agent,
        client: o.client,
        signal,
      };
      const result = await route.handler(ctx);
      if (!result.stream)
        return await sendJSON(req, reply, result.status ?? 200, result.body, false);
      reply.hijack();
      reply.raw.writeHead(result.status ?? 200, {
        'Content-Type': result.contentType ?? 'application/octet-stream',
      });
      reply.raw.flushHeaders();
      await pipeline(result.stream, reply.raw).catch(() => undefined);
    } catch (e) {
      const { status, message } = errorStatus(e);
      await sendText(req, reply, status, message);
    }
  };

  // `alloc exec` (a WebSocket) for the allocations this client runs.
  registerWebsocketRoutes(app, [execRoute], {
    context: (req, _route, signal) => {
      const raw = lastValues(req.query);
      return {
        server: NO_SERVER,
        state: NO_STATE,
        params: (req.params ?? {}) as Record<string, string>,
        query: parseQueryOptions(raw, { region: o.agent.region }),
        raw,
        body: undefined,
        agent: o.agent,
        client: o.client,
        signal,
      };
    },
    closing: closing.signal,
    maxPayload: DEFAULT_BODY_LIMIT,
  });
  for (const route of clientRoutes) {
    app.route({
      method: route.method,
      url: route.path,
      handler: (req, reply) => withSignal(reply, (signal) => local(route, req, reply, signal)),
    });
  }
  app.get('/v1/agent/self', async (req, reply) => sendJSON(req, reply, 200, await o.self(), false));
  app.get('/v1/agent/health', async (req, reply) => {
    const client = o.health();
    await sendJSON(req, reply, client.ok ? 200 : 500, { client }, false);
  });
  app.setNotFoundHandler((req, reply) =>
    withSignal(reply, (signal) => toServer(req, reply, signal)),
  );

  await app.listen({ host: o.host, port: o.port });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : o.port;
  const shownHost = o.host.includes(':') ? `[${o.host}]` : o.host;
  return { app, url: `http://${shownHost}:${port}`, port, close: () => app.close() };
}

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));
