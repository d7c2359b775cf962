/**
 * The route table's types: what a route declares (method, path, ACL capability, blocking
 * behaviour) and what its handler is given and returns.
 */
import type { StateReader, TableName } from '../../state/index.js';
import type { Server } from '../server.js';
import type { Readable } from 'node:stream';
import type { WebSocket } from 'ws';
import type { ClientAccess } from './client-api/types.js';
import type { QueryOptions } from './query.js';

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

/** The ACL capability a route needs (enforced once ACLs land), as Nomad names them. */
export type Capability =
  | 'namespace:list-jobs'
  | 'namespace:read-job'
  | 'namespace:submit-job'
  | 'namespace:parse-job'
  | 'namespace:scale-job'
  | 'namespace:read-job-scaling'
  | 'namespace:alloc-lifecycle'
  | 'namespace:read-fs'
  | 'namespace:read-logs'
  | 'namespace:alloc-exec'
  | 'node:read'
  | 'node:write'
  | 'agent:read'
  | 'operator:read'
  | 'operator:write'
  | 'node_pool:read'
  | 'node_pool:write'
  | 'node_pool:delete'
  | 'none';

/** What the agent says about itself on /v1/agent, /v1/status and /v1/operator. */
export interface AgentInfo {
  name: string;
  region: string;
  datacenter: string;
  /** host:port of the server's RPC address (status/leader, raft peers). */
  rpcAddr: string;
  /** host:port of the serf address (agent/members). */
  serfAddr: string;
  version: string;
}

export interface RequestContext {
  server: Server;
  /** The state the handler answers from (a fresh snapshot per blocking-query round). */
  state: StateReader;
  params: Record<string, string>;
  query: QueryOptions;
  /** Raw query parameters (last value wins). */
  raw: Record<string, string>;
  /** The parsed JSON body (undefined when there is none). */
  body: unknown;
  agent: AgentInfo;
  /** The client running in this agent, for /v1/client/*; undefined on a server-only agent. */
  client?: ClientAccess;
  /** Aborts when the caller goes away or the agent closes (streams stop on it). */
  signal: AbortSignal;
}

export interface RouteResult {
  /** The JSON answer. For list routes, the items before filtering and paging. */
  body: unknown;
  /** The index the answer is current at (X-Nomad-Index); default: the watched tables' index. */
  index?: number;
  status?: number;
  /** A streamed answer (logs, file contents) instead of `body`. */
  stream?: Readable;
  contentType?: string;
  /**
   * For `websocket` routes: the session, run once the connection is upgraded. Errors thrown
   * by the handler before it are answered over HTTP, as for any route.
   */
  upgrade?: (socket: WebSocket) => Promise<void>;
}

export interface Route {
  method: HttpMethod;
  /** fastify's syntax: `/v1/job/:id`. */
  path: string;
  capability: Capability;
  /**
   * For reads: the tables a blocking query waits on; `list` routes apply `filter`,
   * `per_page` and `next_token` to their array answer; `token` is an item's paging token
   * (default: its ID).
   */
  blocking?: { tables: TableName[]; list?: boolean; token?: (item: unknown) => string };
  /** A GET upgraded to a WebSocket: the handler answers with `upgrade`. */
  websocket?: boolean;
  handler: (ctx: RequestContext) => RouteResult | Promise<RouteResult>;
}
