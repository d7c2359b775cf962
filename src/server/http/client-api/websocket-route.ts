/**
 * The route table's WebSocket routes (`websocket: true`, so far `alloc exec`) on fastify, with
 * @fastify/websocket. The route's handler runs before the upgrade, so that what it refuses is
 * answered over HTTP like any route's error; the session it returns (`upgrade`) runs on the
 * upgraded socket. A plain GET (no upgrade) is a 400.
 */
import fastifyWebsocket from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { badRequest } from '../errors.js';
import type { RequestContext, Route, RouteResult } from '../types.js';
import { NOT_WEBSOCKET } from './exec.js';

export interface WebsocketRouteOptions {
  /** The handler's context for a request, its signal raised when the session must end. */
  context(req: FastifyRequest, route: Route, signal: AbortSignal): RequestContext;
  /** Raised when the agent closes: every session ends. */
  closing: AbortSignal;
  /** The largest frame a caller may send, in bytes. */
  maxPayload: number;
}

interface Prepared {
  result: RouteResult;
  abort: AbortController;
}

/** Registers the table's `websocket` routes (and the plugin, when there are any). */
export function registerWebsocketRoutes(
  app: FastifyInstance,
  table: readonly Route[],
  o: WebsocketRouteOptions,
): void {
  const wsRoutes = table.filter((r) => r.websocket);
  if (wsRoutes.length === 0) return;
  void app.register(fastifyWebsocket, { options: { maxPayload: o.maxPayload } });
  // Registered after the plugin, so that its route hook turns these into WebSocket routes.
  void app.register(async (scope) => {
    for (const route of wsRoutes) scope.route(websocketRoute(route, o));
  });
}

function websocketRoute(route: Route, o: WebsocketRouteOptions) {
  const prepared = new WeakMap<IncomingMessage, Prepared>();
  return {
    method: 'GET' as const,
    url: route.path,
    preHandler: async (req: FastifyRequest) => {
      const abort = new AbortController();
      const result = await route.handler(o.context(req, route, abort.signal));
      prepared.set(req.raw, { result, abort });
    },
    handler: async (req: FastifyRequest) => {
      prepared.delete(req.raw);
      throw badRequest(NOT_WEBSOCKET);
    },
    wsHandler: async (socket: WebSocket, req: FastifyRequest) => {
      const p = prepared.get(req.raw);
      prepared.delete(req.raw);
      if (!p?.result.upgrade) {
        socket.close();
        return;
      }
      const end = () => p.abort.abort();
      socket.once('close', end);
      o.closing.addEventListener('abort', end, { once: true });
      if (o.closing.aborted) end();
      try {
        await p.result.upgrade(socket);
      } finally {
        socket.off('close', end);
        o.closing.removeEventListener('abort', end);
        if (socket.readyState === socket.OPEN) socket.close();
      }
    },
  };
}
