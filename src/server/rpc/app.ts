/**
 * The client-to-server protocol on the rpc port (default 4647): the node service of
 * node-service.ts as JSON over HTTP, so that `client { servers = ["host:4647"] }` and
 * `caravan sim -address` reach a server over the network. Every call is a POST with a JSON
 * body; errors are `{"Error": "..."}` with a 4xx/5xx status. A node's calls after registration
 * are checked against its SecretID.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { ClientAllocUpdate, Node } from '../../structs/index.js';
import { isServerError } from '../errors.js';
import { joinHostPort, limitConnsPerClient } from '../net/index.js';
import type { NodeService } from '../node-service.js';

export interface RpcServerHandle {
  app: FastifyInstance;
  /** `host:port` */
  addr: string;
  port: number;
  close(): Promise<void>;
}

type Body = Record<string, unknown>;

function need<T>(body: Body, key: string, check: (v: unknown) => boolean, what: string): T {
  const v = body[key];
  if (!check(v)) throw new RpcBadRequest(`${key}: ${what} is required`);
  return v as T;
}

class RpcBadRequest extends Error {}

const isString = (v: unknown) => typeof v === 'string' && v !== '';
const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The routes, as one table: path -> handler. */
function routes(
  nodes: NodeService,
): Record<string, (body: Body, signal: AbortSignal) => Promise<unknown>> {
  return {
    '/v1/node/register': (b) => nodes.register(need<Node>(b, 'Node', isObject, 'a node object')),
    '/v1/node/heartbeat': (b) =>
      nodes.heartbeat(
        need(b, 'NodeID', isString, 'a node ID'),
        need(b, 'SecretID', isString, 'the node secret'),
      ),
    '/v1/node/status': (b) =>
      nodes.updateStatus(
        need(b, 'NodeID', isString, 'a node ID'),
        need(b, 'Status', isString, 'a status'),
      ),
    '/v1/node/allocs-update': (b) =>
      nodes.updateAllocs(
        need<ClientAllocUpdate[]>(b, 'Allocs', Array.isArray, 'a list of allocation updates'),
      ),
    '/v1/node/watch-allocs': (b, signal) =>
      nodes.watchAllocs(
        need<string[]>(
          b,
          'NodeIDs',
          (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'),
          'a list of node IDs',
        ),
        need<number>(
          b,
          'MinIndex',
          (v) => Number.isInteger(v) && (v as number) >= 0,
          'an index (0 or more)',
        ),
        Math.min(
          need<number>(
            b,
            'TimeoutMs',
            (v) => Number.isInteger(v) && (v as number) > 0,
            'a timeout in ms',
          ),
          600_000,
        ),
        signal,
        { changedOnly: b.ChangedOnly === true },
      ),
  };
}

export interface RpcServerOptions {
  /** `limits.rpc_max_conns_per_client` (0: no limit). */
  maxConnsPerClient?: number;
  /** The address to give clients that ask (`advertise.rpc`); default the one listened on. */
  advertise?: string;
  /** The server's HTTP address, told to clients with the rpc address (once it listens). */
  httpAddr?: () => string | undefined;
}

/** Starts the rpc listener for `nodes` on host:port (port 0 picks one). */
export async function startRpcServer(
  nodes: NodeService,
  host: string,
  port: number,
  opts: RpcServerOptions = {},
): Promise<RpcServerHandle> {
  // Long polls (watch-allocs) must not hold up a shutdown: close their connections.
  const app = Fastify({ bodyLimit: 64 * 1024 * 1024, forceCloseConnections: true });
  limitConnsPerClient(app.server, opts.maxConnsPerClient ?? 0);
  let addr = '';
  // Any address a client was given (this one, or the serf port's) tells it where rpc is, and
  // where the HTTP API is (a client-only agent forwards the API calls it does not serve).
  app.post('/v1/agent/rpc-address', () => ({
    Address: opts.advertise ?? addr,
    HTTPAddr: opts.httpAddr?.() ?? '',
  }));
  for (const [path, handler] of Object.entries(routes(nodes))) {
    app.post(path, async (req, reply) => {
      const ac = new AbortController();
      // The caller went away: stop any long poll it was waiting on.
      reply.raw.on('close', () => ac.abort());
      try {
        if (!isObject(req.body)) throw new RpcBadRequest('the body must be a JSON object');
        return await handler(req.body as Body, ac.signal);
      } catch (e) {
        if (e instanceof RpcBadRequest) return reply.code(400).send({ Error: e.message });
        if (isServerError(e)) {
          const status = e.code.endsWith('_NOT_FOUND')
            ? 404
            : e.code === 'NODE_SECRET_MISMATCH'
              ? 403
              : 400;
          return reply.code(status).send({ Error: e.message });
        }
        throw e;
      }
    });
  }
  await app.listen({ host, port });
  const actual = (app.server.address() as { port: number }).port;
  addr = joinHostPort(host, actual);
  return { app, addr, port: actual, close: () => app.close() };
}
