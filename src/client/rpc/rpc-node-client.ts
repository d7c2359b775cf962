/**
 * The client protocol (NodeRpc) over the network, on a server's rpc port: what the client and
 * the simulator use when they run in another process than the server.
 */
import type {
  AllocsWatchResult,
  WatchAllocsOptions,
  ClientAllocUpdate,
  Node,
  NodeRpc,
  NodeUpdateResponse,
} from '../../structs/index.js';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';

/** Connections one client process keeps to a server: well within Nomad's default limit of 100. */
export const DEFAULT_RPC_CONNECTIONS = 32;

export interface RpcNodeClientOptions {
  /** Concurrent connections to the server (default 32; long polls hold one each). */
  maxConnections?: number;
}

export class RpcNodeClient implements NodeRpc {
  private readonly given: URL;
  private readonly agent: HttpAgent;
  private base: Promise<URL> | undefined;

  /**
   * `addr` is a server's rpc address (`host:port` or `http://host:port`), or its serf address
   * (port 4648, as the spec's `servers_join` gives it): the first call asks whichever it is for
   * the server's rpc address.
   */
  constructor(addr: string, opts: RpcNodeClientOptions = {}) {
    this.given = new URL(addr.includes('://') ? addr : `http://${addr}`);
    this.agent = new HttpAgent({
      keepAlive: true,
      maxSockets: opts.maxConnections ?? DEFAULT_RPC_CONNECTIONS,
    });
  }

  /** The server's rpc address, asked once from the address given. */
  rpcAddress(): Promise<URL> {
    this.base ??= postJSON<{ Address?: unknown }>(
      this.agent,
      new URL('/v1/agent/rpc-address', this.given),
      {},
    ).then(
      (r) => resolveAdvertised(this.given, r.body.Address),
      (e: unknown) => {
        this.base = undefined;
        throw e;
      },
    );
    return this.base;
  }

  private async call<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    const base = await this.rpcAddress();
    const r = await postJSON<T>(this.agent, new URL(path, base), body, signal);
    return r.body;
  }

  /** Closes the idle connections (the simulator calls it when it stops). */
  close(): void {
    this.agent.destroy();
  }

  register(node: Node): Promise<NodeUpdateResponse> {
    return this.call('/v1/node/register', { Node: node });
  }

  heartbeat(nodeID: string, secretID: string): Promise<NodeUpdateResponse> {
    return this.call('/v1/node/heartbeat', { NodeID: nodeID, SecretID: secretID });
  }

  updateStatus(nodeID: string, status: Node['Status']): Promise<NodeUpdateResponse> {
    return this.call('/v1/node/status', { NodeID: nodeID, Status: status });
  }

  updateAllocs(updates: ClientAllocUpdate[]): Promise<NodeUpdateResponse> {
    return this.call('/v1/node/allocs-update', { Allocs: updates });
  }

  watchAllocs(
    nodeIDs: string[],
    minIndex: number,
    timeoutMs: number,
    signal?: AbortSignal,
    options: WatchAllocsOptions = {},
  ): Promise<AllocsWatchResult> {
    return this.call(
      '/v1/node/watch-allocs',
      {
        NodeIDs: nodeIDs,
        MinIndex: minIndex,
        TimeoutMs: timeoutMs,
        ...(options.changedOnly ? { ChangedOnly: true } : {}),
      },
      signal,
    );
  }
}

/**
 * The rpc address a server answered with; an unspecified host (the server listens on 0.0.0.0)
 * means "the host you reached me at".
 */
function resolveAdvertised(given: URL, addr: unknown): URL {
  if (typeof addr !== 'string' || !addr) {
    throw new Error(`${given.host}: the server did not say its rpc address`);
  }
  const u = new URL(`http://${addr}`);
  if (u.hostname === '0.0.0.0' || u.hostname === '[::]') u.hostname = given.hostname;
  return u;
}

/** POSTs JSON on the pooled agent; a non-2xx answer rejects with the server's message. */
function postJSON<T>(
  agent: HttpAgent,
  url: URL,
  body: unknown,
  signal?: AbortSignal,
): Promise<{ status: number; body: T }> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        agent,
        signal,
        headers: { 'content-type': 'application/json', 'content-length': payload.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300) {
            let msg = text.trim();
            try {
              msg = (JSON.parse(text) as { Error?: string }).Error ?? msg;
            } catch {
              // a plain-text error (a 429 from the connection limit, say)
            }
            reject(new Error(`${url.pathname}: ${status} ${msg}`));
            return;
          }
          try {
            resolve({ status, body: JSON.parse(text) as T });
          } catch {
            reject(new Error(`${url.pathname}: the server answered with malformed JSON`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
